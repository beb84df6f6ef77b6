// The sending history: every SMS in and out, newest first, filtered and paged (GET /api/messages).

import { api } from '../api.js';
import { attributesText, clear, el, problem, table, when } from '../dom.js';
import { attributePicker } from './attributes.js';
import { callButton } from './calls.js';

const PAGE = 25;
const FIELDS = ['number', 'name', 'text', 'status', 'direction', 'since', 'until'];
// as the hub stores them: outbound, then inbound (RECEIVED until its email went out)
const STATUSES = ['HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED', 'RECEIVED', 'EMAILED', 'EMAIL_FAILED'];

export function render(view, _params, query) {
  const initialAttrs = {};
  for (const [k, v] of query) {
    if (k.startsWith('attr.')) {
      initialAttrs[k.slice(5)] = v;
    }
  }
  const attrs = attributePicker(initialAttrs);
  const input = (name, attrsOf = {}) => el('input', { name, id: `f-${name}`, value: query.get(name) || '', ...attrsOf });
  const form = el('form', { id: 'history-filters', class: 'filters' },
    el('label', {}, 'Number', input('number', { placeholder: '+62812…', inputmode: 'tel' })),
    el('label', {}, 'Name', input('name')),
    el('label', {}, 'Text', input('text')),
    el('label', {}, 'From', el('input', { name: 'since', id: 'f-since', type: 'datetime-local', value: local(query.get('since')) })),
    el('label', {}, 'Until', el('input', { name: 'until', id: 'f-until', type: 'datetime-local', value: local(query.get('until')) })),
    el('label', {}, 'Status', el('select', { name: 'status', id: 'f-status' },
      el('option', { value: '' }, 'any'),
      STATUSES.map((s) => el('option', { value: s, selected: query.get('status') === s }, s.toLowerCase())))),
    el('label', {}, 'Direction', el('select', { name: 'direction', id: 'f-direction' },
      el('option', { value: '' }, 'both'),
      el('option', { value: 'in', selected: query.get('direction') === 'in' }, 'received'),
      el('option', { value: 'out', selected: query.get('direction') === 'out' }, 'sent'))),
    attrs.node,
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, 'Search'),
      el('a', { href: '#/history', class: 'button secondary' }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = new URLSearchParams();
    const data = new FormData(form);
    for (const f of FIELDS) {
      let v = String(data.get(f) || '').trim();
      if (v && (f === 'since' || f === 'until')) {
        v = new Date(v).toISOString();
      }
      if (v) {
        q.set(f, v);
      }
    }
    for (const [k, v] of Object.entries(attrs.criteria())) {
      q.set(`attr.${k}`, v);
    }
    const next = `#/history?${q}`;
    if (window.location.hash === next) {
      load();
    } else {
      window.location.hash = next;
    }
  });
  const results = el('section', { id: 'history-results' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'History'), form, results);

  const load = async () => {
    const params = new URLSearchParams(query);
    const offset = Math.max(0, Number(params.get('offset')) || 0);
    params.set('offset', offset);
    params.set('limit', PAGE);
    try {
      const page = await api('GET', '/api/messages', { query: params });
      const items = page.items || [];
      const total = Number(page.total) || 0;
      // an offset past the end (an old link, or fewer messages match now): say so and lead back to the last page
      const past = total > 0 && items.length === 0;
      const back = past ? Math.floor((total - 1) / PAGE) * PAGE : Math.max(0, offset - PAGE);
      const pager = el('nav', { class: 'pager' },
        offset > 0 ? el('a', { href: pageLink(query, back), rel: 'prev' }, past ? '← last page' : '← newer') : null,
        el('span', { id: 'history-count' }, total === 0 ? 'No message matches.'
          : past ? `No more messages: ${total} in all.` : `${offset + 1}–${offset + items.length} of ${total}`),
        offset + items.length < total ? el('a', { href: pageLink(query, offset + PAGE), rel: 'next' }, 'older →') : null);
      clear(results, pager, items.length === 0 ? null : table([
        ['Message', (m) => el('a', { href: `#/messages/${encodeURIComponent(m.id)}`, class: 'trail-link' }, m.id)],
        ['When', (m) => when(m.at)],
        ['', (m) => (m.direction === 'in' ? '← in' : 'out →')],
        ['Number', (m) => (m.number && m.number.startsWith('+')
          ? el('a', { href: `#/conversations/${encodeURIComponent(m.number)}`, class: 'conversation-link' }, m.number)
          : m.number)],
        ['', (m) => (m.number ? callButton(m.number) : '')],
        ['Name', (m) => m.name || ''],
        ['Text', (m) => el('span', { class: 'sms-text' }, m.text || '')],
        ['Status', (m) => el('span', { class: `status ${String(m.status || '').toLowerCase()}`, title: m.error || '' },
          String(m.status || '').toLowerCase(), m.delivery ? `, ${m.delivery}` : '', m.error ? ` (${m.error})` : '')],
        ['Attributes', (m) => attributesText(m.attributes)],
        ['Broadcast', (m) => (m.broadcast ? el('a', { href: `#/broadcasts/${m.broadcast}` }, `#${m.broadcast}`) : '')],
      ], items, { id: 'history-table', class: 'data' }));
    } catch (e) {
      clear(results, problem(e, 'The message history'));
    }
  };
  load();
}

function pageLink(query, offset) {
  const q = new URLSearchParams(query);
  q.set('offset', offset);
  return `#/history?${q}`;
}

/** An ISO instant as a datetime-local input's value, in the reader's time zone. */
function local(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
