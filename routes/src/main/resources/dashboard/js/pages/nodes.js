// The hub's nodes (GET /api/nodes): which are alive, which one leads (runs the mailbox polling, the PBX subscription
// and the reports), and each one's channels with their ready lines, refreshed. A hub of one node shows one card.

import { api } from '../api.js';
import { clear, el, problem, when } from '../dom.js';

const REFRESH_MILLIS = 5000;

export function render(view) {
  const body = el('section', { id: 'nodes' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'Nodes'), body);
  let timer = null;
  let stopped = false;
  const load = async () => {
    try {
      const nodes = await api('GET', '/api/nodes');
      clear(body, nodes.length === 0 ? el('p', {}, 'No node has registered yet.')
        : el('div', { class: 'modem-grid' }, nodes.map(card)));
      if (!stopped) {
        timer = setTimeout(load, REFRESH_MILLIS);
      }
    } catch (e) {
      clear(body, problem(e, 'The nodes\' status'));
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function card(n) {
  const state = n.alive ? 'ready' : (n.stoppedAt ? 'stopped' : 'down');
  const title = [n.id, n.leader ? 'leader' : null, n.self ? 'this node' : null].filter(Boolean).join(' · ');
  return el('article', { class: `card node ${state}`, dataset: { node: n.id, leader: String(n.leader) } },
    el('header', {}, el('h2', {}, title)),
    el('dl', {},
      row('State', n.alive ? 'alive' : (n.stoppedAt ? `stopped ${when(n.stoppedAt)}` : `gone since ${when(n.leaseUntil)}`)),
      row('Host', `${n.host} (pid ${n.pid})`),
      row('Heartbeat', when(n.heartbeatAt)),
      row('Started', when(n.startedAt)),
      row('Channels', n.channels.length === 0 ? 'none'
        : el('ul', { class: 'plain' }, n.channels.map(c => el('li', { dataset: { channel: c.id } },
          `${c.id} (${c.kind}): ${c.readyLines} of ${c.lines.length} line(s) ready`))))));
}

function row(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}
