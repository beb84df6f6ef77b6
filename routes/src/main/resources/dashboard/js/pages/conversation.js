// One customer's conversation (GET /api/conversations/NUMBER): their SMS both ways, the emails they became, calls and
// voicemails in one timeline, with the contact; a reply box that sends an SMS (POST /api/sms) and the Call button.

import { api } from '../api.js';
import { attributesText, clear, el, problem, when } from '../dom.js';
import { callButton } from './calls.js';

const REFRESH_MILLIS = 5000;
const KINDS = { 'sms-in': '← SMS in', 'sms-out': 'SMS out →', call: 'Call', voicemail: 'Voicemail' };

export function render(view, [encoded]) {
  const number = decodeURIComponent(encoded);
  const heading = el('h1', { id: 'conversation-title' }, number);
  const contact = el('section', { id: 'conversation-contact' });
  const timeline = el('ol', { id: 'timeline', class: 'timeline' });
  const older = el('p', { class: 'muted', id: 'timeline-more', hidden: true },
    'Older events are left out; the history has them all.');
  const text = el('textarea', { id: 'reply-text', name: 'text', rows: 3, required: true,
    placeholder: 'Your answer, sent as SMS' });
  const said = el('p', { id: 'reply-said', role: 'status' });
  const send = el('button', { type: 'submit', id: 'reply-send' }, 'Send SMS');
  const reply = el('form', { id: 'reply', class: 'card' }, el('label', {}, `Reply to ${number}`, text),
    el('div', { class: 'actions' }, send, said));
  clear(view, el('p', {}, el('a', { href: `#/history?number=${encodeURIComponent(number)}` }, '← History of this number')),
    heading, contact, older, timeline, reply);

  let timer = null;
  let stopped = false;
  const load = async () => {
    clearTimeout(timer);
    try {
      const c = await api('GET', `/api/conversations/${encodeURIComponent(number)}`);
      heading.textContent = c.contact.name ? `${c.contact.name} (${c.contact.number})` : c.contact.number;
      clear(contact, el('p', { class: 'actions' }, callButton(c.contact.number),
        c.contact.optedOut ? el('span', { class: 'error-text', id: 'opted-out' },
          `Opted out (${c.contact.optOutKeyword}) ${when(c.contact.optedOutAt)}`) : null),
      Object.keys(c.contact.attributes || {}).length === 0 ? null
        : el('p', { id: 'contact-attributes', class: 'muted' }, attributesText(c.contact.attributes)));
      older.hidden = !c.more;
      clear(timeline, (c.events || []).length === 0 ? el('li', { class: 'muted' }, 'Nothing yet with this number.')
        : c.events.map(event));
    } catch (e) {
      clear(timeline, el('li', {}, problem(e, 'The conversation')));
    }
    if (!stopped) {
      timer = setTimeout(load, REFRESH_MILLIS);
    }
  };
  reply.addEventListener('submit', async (e) => {
    e.preventDefault();
    send.disabled = true;
    said.className = '';
    said.textContent = '';
    try {
      await api('POST', '/api/sms', { json: { to: [number], text: text.value } });
      text.value = '';
      said.className = 'ok';
      said.textContent = 'Queued.';
      await load();
    } catch (err) {
      said.className = 'error-text';
      said.textContent = err.message;
    } finally {
      send.disabled = false;
    }
  });
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function event(e) {
  const d = e.details || {};
  return el('li', { class: `event ${e.kind}`, dataset: { kind: e.kind, id: e.id } },
    el('div', { class: 'event-head' },
      el('strong', {}, KINDS[e.kind] || e.kind), ' ', el('span', { class: 'muted' }, when(e.at)), ' ',
      el('span', { class: `status ${statusClass(e)}` }, String(e.status || '').toLowerCase())),
    e.text != null ? el('div', { class: 'sms-text' }, e.text) : null,
    el('div', { class: 'event-details muted' }, detailsOf(e, d)));
}

function statusClass(e) {
  return e.kind === 'call' ? `call-${e.status}` : String(e.status || '').toLowerCase();
}

function detailsOf(e, d) {
  switch (e.kind) {
    case 'sms-in':
      return [el('a', { href: `#/messages/in-${e.id}` }, `in-${e.id}`),
        d.emailMessageId ? ` · email ${d.emailMessageId}` : '', d.emailError ? ` · ${d.emailError}` : '',
        d.optOutKeyword ? ` · opted out (${d.optOutKeyword})` : ''];
    case 'sms-out':
      return [el('a', { href: `#/messages/out-${e.id}` }, `out-${e.id}`),
        d.delivery ? ` · ${d.delivery}` : '', d.requestedBy ? ` · by ${d.requestedBy}` : '',
        d.error ? ` · ${d.error}` : '',
        d.broadcast ? [' · ', el('a', { href: `#/broadcasts/${d.broadcast}` }, `broadcast #${d.broadcast}`)] : ''];
    case 'call':
      return [el('a', { href: `#/calls/${e.id}` }, `call #${e.id}`), ` · agent ${d.agent}`,
        d.requestedBy ? ` · by ${d.requestedBy}` : '', d.cause ? ` · ${d.cause}` : '',
        d.durationSeconds != null ? ` · talked ${Math.round(d.durationSeconds)} s` : ''];
    case 'voicemail':
      return [`mailbox ${d.mailbox}`, d.caller ? ` · caller ${d.caller}` : ''];
    default:
      return '';
  }
}
