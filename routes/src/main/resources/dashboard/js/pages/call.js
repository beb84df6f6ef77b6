// One click-to-call as it goes: its state, refreshed each second until it ended or failed, and every state it reached.

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';

const FINAL = new Set(['ended', 'failed']);
const REFRESH_MILLIS = 1000;

export function render(view, [id]) {
  const state = el('strong', { id: 'call-state' }, '…');
  const cause = el('span', { id: 'call-cause' });
  const detail = el('p', { class: 'muted', id: 'call-detail' });
  const summary = el('p', { id: 'call-summary' });
  const states = el('section', { id: 'call-states' });
  clear(view, el('p', {}, el('a', { href: '#/calls' }, '← Calls')), el('h1', {}, `Call #${id}`),
    el('p', { class: 'count-line' }, 'State: ', state, ' ', cause), detail, summary, states);
  let timer = null;
  let stopped = false;
  const load = async () => {
    try {
      const c = await api('GET', `/api/calls/${encodeURIComponent(id)}`);
      state.textContent = c.state;
      state.className = `status call-${c.state}`;
      cause.textContent = c.cause ? `(${c.cause}${c.causeCode == null ? '' : `, Q.850 ${c.causeCode}`})` : '';
      detail.textContent = c.detail || '';
      clear(summary, `Agent ${c.agent} → ${c.number}, asked by ${c.requestedBy || '?'}, `, when(c.requestedAt),
        c.durationSeconds == null ? '' : `; talked ${Math.round(c.durationSeconds)} s`);
      clear(states, table([
        ['When', (s) => when(s.at)],
        ['State', (s) => s.state],
        ['Cause', (s) => s.cause || ''],
        ['Detail', (s) => s.detail || ''],
      ], c.states || [], { id: 'call-states-table', class: 'data' }));
      if (!FINAL.has(c.state) && !stopped) {
        timer = setTimeout(load, REFRESH_MILLIS);
      }
    } catch (e) {
      clear(states, problem(e, 'The call'));
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
