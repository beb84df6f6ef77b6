// Click-to-call: the PBX rings the agent's phone, then the customer's (POST /api/calls); the recent calls (GET /api/calls).

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';

/**
 * A "Call" button for a number: asks the hub for the call (the agent: the signed-in user's extension) and opens the
 * call's page; a refusal (no extension, an opted-out number, click-to-call off) is said beside the button.
 */
export function callButton(number) {
  const said = el('span', { class: 'error-text call-error', role: 'alert' });
  const button = el('button', { type: 'button', class: 'secondary call', dataset: { number }, title: `Call ${number}` },
    'Call');
  button.addEventListener('click', async () => {
    button.disabled = true;
    said.textContent = '';
    try {
      const call = await api('POST', '/api/calls', { json: { number } });
      window.location.hash = `#/calls/${call.id}`;
    } catch (e) {
      said.textContent = e.message;
      button.disabled = false;
    }
  });
  return el('span', { class: 'call-cell' }, button, ' ', said);
}

export function render(view, _params, query) {
  const error = el('p', { class: 'error', role: 'alert', id: 'call-form-error' });
  const agent = el('input', { id: 'call-agent', name: 'agent', placeholder: 'your extension', inputmode: 'tel' });
  const number = el('input', { id: 'call-number', name: 'number', required: true, placeholder: '+62812…', inputmode: 'tel',
    value: query.get('number') || '' });
  const form = el('form', { id: 'call-form', class: 'filters' },
    el('label', {}, 'Agent (extension; blank: yours)', agent),
    el('label', {}, 'Customer\'s number', number),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Call'), error));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const json = { number: number.value.trim() };
    if (agent.value.trim()) {
      json.agent = agent.value.trim();
    }
    try {
      const call = await api('POST', '/api/calls', { json });
      window.location.hash = `#/calls/${call.id}`;
    } catch (e) {
      error.textContent = e.message;
    }
  });
  const list = el('section', { id: 'calls-list' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'Calls'), el('p', { class: 'muted' },
    'The PBX rings the agent\'s phone first; once the agent answers, it dials the customer.'), form, list);
  api('GET', '/api/calls', { query: { limit: 25 } }).then((page) => {
    const calls = page.calls || [];
    clear(list, calls.length === 0 ? el('p', {}, 'No call yet.') : table(COLUMNS, calls,
      { id: 'calls-table', class: 'data' }));
  }, (e) => clear(list, problem(e, 'Click-to-call')));
}

const COLUMNS = [
  ['Call', (c) => el('a', { href: `#/calls/${c.id}` }, `#${c.id}`)],
  ['Asked', (c) => when(c.requestedAt)],
  ['By', (c) => c.requestedBy || ''],
  ['Agent', (c) => c.agent],
  ['Number', (c) => c.number],
  ['State', (c) => stateOf(c)],
  ['Talked', (c) => (c.durationSeconds == null ? '' : `${Math.round(c.durationSeconds)} s`)],
];

/** The state as a word, with its cause once ended or failed. */
export function stateOf(c) {
  return el('span', { class: `status call-${c.state}` }, c.state, c.cause ? ` (${c.cause})` : '');
}
