// The dashboard's shell: sign-in, the navigation, and one page at a time chosen by the URL's #fragment.

import { currentUser, login, logout, restore, whenSignedOut } from './api.js';
import { clear, el, problem } from './dom.js';
import * as history from './pages/history.js';
import * as trail from './pages/trail.js';
import * as broadcasts from './pages/broadcasts.js';
import * as report from './pages/report.js';
import * as compose from './pages/compose.js';
import * as contacts from './pages/contacts.js';
import * as modems from './pages/modems.js';
import * as smpp from './pages/smpp.js';
import * as nodes from './pages/nodes.js';
import * as calls from './pages/calls.js';
import * as call from './pages/call.js';
import * as conversation from './pages/conversation.js';
import * as callback from './pages/callback.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const notice = document.getElementById('notice');
let leave = null; // what the page on screen stops (its timers) when another replaces it

const pages = [
  [/^\/history$/, history, 'history'],
  [/^\/messages\/((?:in|out)-\d+)$/, trail, 'history'],
  [/^\/broadcasts$/, broadcasts, 'broadcasts'],
  [/^\/broadcasts\/(\d+)$/, report, 'broadcasts'],
  [/^\/compose$/, compose, 'compose'],
  [/^\/contacts$/, contacts, 'contacts'],
  [/^\/modems$/, modems, 'modems'],
  [/^\/smpp$/, smpp, 'smpp'],
  [/^\/nodes$/, nodes, 'nodes'],
  [/^\/calls$/, calls, 'calls'],
  [/^\/calls\/(\d+)$/, call, 'calls'],
  [/^\/conversations\/([^/?]+)$/, conversation, 'history'],
  [/^\/callback\/([A-Za-z0-9_.-]+)$/, callback, 'calls'],
];

/** The #fragment as a path and its query: #/history?number=+62... */
function location() {
  const hash = window.location.hash.replace(/^#/, '') || '/history';
  const q = hash.indexOf('?');
  return { path: q < 0 ? hash : hash.slice(0, q), query: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)) };
}

function show() {
  if (leave) {
    leave();
    leave = null;
  }
  const user = currentUser();
  nav.hidden = who.hidden = !user;
  if (!user) {
    showLogin();
    return;
  }
  document.getElementById('who-name').textContent = `${user.user} (${user.role})`;
  const { path, query } = location();
  for (const [pattern, page, tab] of pages) {
    const m = pattern.exec(path);
    if (m) {
      for (const a of nav.querySelectorAll('a')) {
        a.classList.toggle('current', a.dataset.page === tab);
      }
      clear(view);
      try {
        leave = page.render(view, m.slice(1), query) || null;
      } catch (e) {
        clear(view, problem(e));
      }
      return;
    }
  }
  clear(view, el('h1', {}, 'No such page'), el('p', {}, el('a', { href: '#/history' }, 'Back to the history')));
}

function showLogin() {
  const error = el('p', { class: 'error', role: 'alert', id: 'login-error' });
  const user = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true });
  const form = el('form', { id: 'login', class: 'card narrow', method: 'post', action: '/login' },
    el('h1', {}, 'Sign in'),
    el('label', {}, 'User name', user),
    el('label', {}, 'Password', password),
    el('button', { type: 'submit' }, 'Sign in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await login(user.value.trim(), password.value);
      say('');
      if (!window.location.hash || window.location.hash === '#/login') {
        window.location.hash = '#/history';
      }
      show();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  clear(view, form);
  password.focus();
}

function say(text) {
  notice.textContent = text;
  notice.hidden = !text;
}

document.getElementById('logout').addEventListener('click', async () => {
  await logout();
  say('');
  window.location.hash = '#/history';
  show();
});

whenSignedOut(() => {
  say('Your session ended: sign in again.');
  show();
});

window.addEventListener('hashchange', show);

restore().then(show);
