// Every broadcast, newest first, with how far each got (GET /api/broadcasts).

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';
import { audienceText } from './attributes.js';
import { counts } from './progress.js';

export function render(view) {
  const body = el('section', { id: 'broadcast-list' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'Broadcasts'),
    el('p', {}, el('a', { href: '#/compose', class: 'button' }, 'New broadcast')), body);
  api('GET', '/api/broadcasts').then((r) => {
    const list = Array.isArray(r) ? r : (r.items || r.broadcasts || []);
    clear(body, list.length === 0 ? el('p', {}, 'No broadcast yet.') : table([
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
