// The call-back link of an SMS's email, after sign-in: what it will do, and the button that does it
// (POST /api/calls/callback). Opening the link starts nothing: a mail scanner that follows it calls nobody.

import { api } from '../api.js';
import { clear, el, when } from '../dom.js';

export function render(view, [token]) {
  const said = el('p', { id: 'callback-error', class: 'error', role: 'alert' });
  const what = el('section', { id: 'callback-what' }, el('p', { class: 'muted' }, 'Checking the link…'));
  clear(view, el('h1', {}, 'Call back'), what, said);
  api('GET', '/api/calls/callback', { query: { t: token } }).then((link) => {
    const confirm = el('button', { type: 'button', id: 'callback-confirm', disabled: !link.extension }, `Call ${link.number}`);
    clear(what,
      el('p', {}, 'Your phone', link.extension ? ` (extension ${link.extension})` : '', ' rings first; once you answer, the hub dials ',
        el('a', { href: `#/conversations/${encodeURIComponent(link.number)}`, id: 'callback-number' }, link.number), '.'),
      el('p', { class: 'muted' }, `The link answers SMS in-${link.smsId}; it works once, until `, when(link.expiresAt), '.'),
      link.extension ? null : el('p', { class: 'error-text', id: 'callback-no-extension' },
        'The hub does not know your phone: an admin sets it with switchboard users extension.'),
      el('div', { class: 'actions' }, confirm));
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      said.textContent = '';
      try {
        const call = await api('POST', '/api/calls/callback', { json: { token } });
        window.location.hash = `#/calls/${call.id}`;
      } catch (e) {
        said.textContent = e.message;
      }
    });
  }, (e) => {
    clear(what);
    said.textContent = e.message;
  });
}
