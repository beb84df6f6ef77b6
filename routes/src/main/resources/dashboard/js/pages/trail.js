// One message's trail through the hub: every hop the journal recorded (GET /api/messages/ID/hops).

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';

export function render(view, [id]) {
  const body = el('section', { id: 'trail' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('p', {}, el('a', { href: '#/history' }, '← History')), el('h1', {}, `Trail of ${id}`), body);
  api('GET', `/api/messages/${encodeURIComponent(id)}/hops`).then((trail) => {
    const hops = trail.hops || [];
    clear(body, hops.length === 0 ? el('p', {}, 'The journal has no hop for this message.') : table([
      ['When', (h) => when(h.at)],
      ['Hop', (h) => h.hop],
      ['Route', (h) => h.route || ''],
      ['Detail', (h) => h.detail || ''],
      ['Error', (h) => (h.error ? el('span', { class: 'error-text' }, h.error) : '')],
    ], hops, { id: 'trail-table', class: 'data' }));
  }, (e) => clear(body, problem(e, 'The message trail')));
}
