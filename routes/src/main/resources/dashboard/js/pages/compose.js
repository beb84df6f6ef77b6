// The broadcast composer: whom (attributes or a segment) with a live count, the template, the hub's preview, confirm,
// then the progress bar while it sends.

import { api, NotAvailable } from '../api.js';
import { clear, debounce, el, problem } from '../dom.js';
import { attributePicker, filterText } from './attributes.js';
import { follow, progressBar } from './progress.js';

const COUNT_DELAY_MILLIS = 300;

export function render(view) {
  let stop = () => {};
  const count = el('output', { id: 'recipient-count', 'aria-live': 'polite' }, '…');
  const segment = el('select', { id: 'segment', name: 'segment' }, el('option', { value: '' }, 'none: use the attributes'));
  const recount = debounce(() => updateCount(), COUNT_DELAY_MILLIS);
  const picker = attributePicker({}, recount);
  segment.addEventListener('change', () => {
    picker.node.disabled = segment.value !== '';
    recount();
  });
  const template = el('textarea', { id: 'template', name: 'template', rows: 4, required: true,
    placeholder: 'Hi {name}, registration for {school} closes on Friday.' });
  const placeholders = el('p', { class: 'muted', id: 'placeholders' }, 'Placeholders: {name}');
  const errors = el('div', { id: 'compose-errors' });
  const previewBox = el('section', { id: 'preview' });
  const form = el('form', { id: 'compose-form', class: 'card' },
    el('label', {}, 'Segment', segment),
    picker.node,
    el('p', { class: 'count-line' }, 'Recipients: ', count),
    el('label', {}, 'Message', template),
    placeholders,
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'preview-button' }, 'Preview')),
    errors);
  clear(view, el('h1', {}, 'New broadcast'), form, previewBox);

  picker.ready.then(() => {
    const names = [...picker.node.querySelectorAll('select[data-attribute]')].map((s) => `{${s.dataset.attribute}}`);
    placeholders.textContent = `Placeholders: ${['{name}', ...names].join(' ')}`;
  });
  api('GET', '/api/segments').then((r) => {
    for (const s of r.segments || []) {
      segment.append(el('option', { value: s.name }, `${s.name}${s.describe ? ` (${s.describe})` : ''}`));
    }
  }, () => { /* no segments to offer: the attributes remain */ });

  let asked = 0; // only the newest count is shown when answers arrive out of order
  async function updateCount() {
    const mine = ++asked;
    count.textContent = '…';
    delete count.dataset.count;
    try {
      let n;
      let optedOut = null;
      if (segment.value) {
        const s = await api('GET', `/api/segments/${encodeURIComponent(segment.value)}`);
        n = s.contacts;
        optedOut = s.optedOut;
      } else {
        const filter = filterText(picker.criteria());
        try {
          const c = await api('GET', '/api/contacts/count', { query: { filter } });
          n = c.count;
          optedOut = c.optedOut;
        } catch (e) {
          if (!(e instanceof NotAvailable)) {
            throw e;
          }
          n = (await api('GET', '/api/contacts', { query: { filter, limit: 0 } })).total;
        }
      }
      if (mine === asked) {
        count.dataset.count = String(n);
        count.textContent = `${n} contact${n === 1 ? '' : 's'}`
          + (optedOut ? `, and ${optedOut} who opted out will not be texted` : '');
      }
    } catch (e) {
      if (mine === asked) {
        clear(count, problem(e, 'The recipient count'));
      }
    }
  }
  picker.ready.then(updateCount);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(errors);
    const body = { template: template.value };
    if (segment.value) {
      body.segment = segment.value;
    } else {
      body.filter = filterText(picker.criteria());
    }
    try {
      const b = await api('POST', '/api/broadcasts', { json: body });
      stop();
      showPreview(b);
    } catch (e) {
      clear(errors, problem(e, 'Creating a broadcast'), missingPlaceholders(e));
    }
  });

  function showPreview(b) {
    const confirm = el('button', { type: 'button', id: 'confirm-button' }, 'Confirm and send');
    const cancel = el('button', { type: 'button', id: 'cancel-button', class: 'secondary' }, 'Cancel');
    const actionErrors = el('div', { id: 'preview-errors' });
    const bar = progressBar();
    bar.node.hidden = true;
    const samples = previewMessages(b);
    const p = b.preview && typeof b.preview === 'object' && !Array.isArray(b.preview) ? b.preview : {};
    clear(previewBox,
      el('h2', {}, `Preview of broadcast #${b.id}`),
      el('dl', { class: 'counts', id: 'preview-counts' },
        term('Recipients', p.recipients ?? b.recipients ?? b.count, 'recipients'),
        term('Opted out (skipped)', p.optedOut ?? b.optedOut, 'opted-out'),
        term('Invalid numbers (skipped)', p.invalid ?? b.invalid, 'invalid'),
        term('Duplicates (skipped)', p.duplicates ?? b.duplicates, 'duplicates'),
        term('SMS parts', p.totalParts ?? b.parts, 'parts'),
        term('Modems ready', p.healthyModems, 'modems'),
        term('Sending takes about', typeof p.estimatedSeconds === 'number' ? duration(p.estimatedSeconds) : null,
          'estimate')),
      samples.length === 0 ? null : [el('h3', {}, 'First messages'),
        el('ul', { class: 'samples', id: 'preview-messages' }, samples.map((s) => el('li', {},
          s.to ? el('span', { class: 'to' }, s.to) : null, el('span', { class: 'sms-text' }, s.text))))],
      el('div', { class: 'actions' }, confirm, cancel,
        el('a', { href: `#/broadcasts/${b.id}`, id: 'report-link' }, 'Open its report')),
      actionErrors,
      bar.node);
    bar.update(b);
    previewBox.scrollIntoView({ block: 'start' });
    const act = async (action) => {
      confirm.disabled = cancel.disabled = true;
      clear(actionErrors);
      try {
        const now = await api('POST', `/api/broadcasts/${b.id}/${action}`);
        bar.node.hidden = false;
        bar.update(now);
        bar.node.scrollIntoView({ block: 'nearest' });
        stop = follow(b.id, (latest) => bar.update(latest), actionErrors);
      } catch (e) {
        confirm.disabled = cancel.disabled = false;
        clear(actionErrors, problem(e));
      }
    };
    confirm.addEventListener('click', () => act('confirm'));
    cancel.addEventListener('click', () => act('cancel'));
  }

  return () => stop();
}

/** The preview's first rendered messages, whichever shape the hub gives them: texts, or {to|number, name, text}. */
function previewMessages(b) {
  const p = b.preview || {};
  const list = [p.samples, p, p.messages, b.samples, b.messages].find(Array.isArray) || [];
  return list.map((m) => (typeof m === 'string' ? { text: m }
    : { to: [m.to || m.number, m.name].filter(Boolean).join(' · '), text: m.text || m.message || '' }));
}

/** A refusal naming placeholders some recipients have no value for: which, for how many, and examples. */
function missingPlaceholders(e) {
  const missing = e && e.body && Array.isArray(e.body.missing) ? e.body.missing : [];
  if (missing.length === 0) {
    return null;
  }
  return el('ul', { class: 'error', id: 'missing-placeholders' }, missing.map((m) => el('li', {},
    `{${m.placeholder}}: ${m.recipients} recipient(s) have no value`,
    Array.isArray(m.examples) && m.examples.length ? ` (e.g. ${m.examples.map(String).join(', ')})` : '')));
}

function duration(seconds) {
  if (seconds < 90) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${(seconds / 3600).toFixed(1)} h`;
}

function term(name, value, key) {
  if (value === undefined || value === null) {
    return null;
  }
  return [el('dt', {}, name), el('dd', { dataset: { count: key } }, String(value))];
}
