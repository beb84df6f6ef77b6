// Every broadcast, newest first, with how far each got (GET /api/broadcasts).

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';
import { audienceText } from './attributes.js';
import { counts } from './progress.js';

const PAGE = 25;

export function render(view, _params, query) {
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const body = el('section', { id: 'broadcast-list' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'Broadcasts'),
    el('p', {}, el('a', { href: '#/compose', class: 'button' }, 'New broadcast')), body);
  api('GET', '/api/broadcasts', { query: { offset, limit: PAGE } }).then((r) => {
    const list = Array.isArray(r) ? r : (r.items || r.broadcasts || []);
    const total = Array.isArray(r) ? list.length : Number(r.total) || 0;
    clear(body, el('nav', { class: 'pager' },
      offset > 0 ? el('a', { href: `#/broadcasts?offset=${Math.max(0, offset - PAGE)}`, rel: 'prev' }, '← newer') : null,
      total > 0 ? el('span', {}, `${offset + 1}–${offset + list.length} of ${total}`) : null,
      offset + list.length < total ? el('a', { href: `#/broadcasts?offset=${offset + PAGE}`, rel: 'next' }, 'older →') : null),
    list.length === 0 ? el('p', {}, 'No broadcast yet.') : table([
      ['#', (b) => el('a', { href: `#/broadcasts/${b.id}` }, `#${b.id}`)],
      ['Created', (b) => when(b.createdAt)],
      ['By', (b) => b.requestedBy || ''],
      ['To', (b) => audienceText(b)],
      ['Message', (b) => el('span', { class: 'sms-text' }, b.template || '')],
      ['Status', (b) => String(b.status || '').toLowerCase().replaceAll('_', ' ')],
      ['Progress', (b) => {
        const c = counts(b);
        return el('span', {}, el('progress', { max: 100, value: c.percent }), ` ${c.percent} %`);
      }],
    ], list, { class: 'data', id: 'broadcasts-table' }));
  }, (e) => clear(body, problem(e, 'The list of broadcasts'),
    el('form', { class: 'inline', onsubmit: (ev) => {
      ev.preventDefault();
      const id = new FormData(ev.target).get('id');
      if (/^\d+$/.test(String(id))) {
        window.location.hash = `#/broadcasts/${id}`;
      }
    } }, el('label', {}, 'Open broadcast #', el('input', { name: 'id', inputmode: 'numeric', size: 6 })),
    el('button', { type: 'submit' }, 'Open'))));
}
