// The modems: signal bars, registration, queue depth, what each sent and failed (GET /api/modems), refreshed.

import { api } from '../api.js';
import { clear, el, problem, when } from '../dom.js';

const REFRESH_MILLIS = 5000;

export function render(view) {
  const body = el('section', { id: 'modems' }, el('p', { class: 'muted' }, 'Loading…'));
  clear(view, el('h1', {}, 'Modems'), body);
  let timer = null;
  let stopped = false;
  const load = async () => {
    try {
      const modems = await api('GET', '/api/modems');
      const list = Array.isArray(modems) ? modems : (modems.modems || []);
      clear(body, list.length === 0 ? el('p', {}, 'No modem is configured.') : el('div', { class: 'modem-grid' },
        list.map(card)));
      if (!stopped) {
        timer = setTimeout(load, REFRESH_MILLIS);
      }
    } catch (e) {
      clear(body, problem(e, 'The modems\' status'));
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function card(m) {
  const percent = typeof m.signalPercent === 'number' ? m.signalPercent
    : typeof m.signal === 'number' && m.signal <= 31 ? Math.round((m.signal * 100) / 31) : null;
  return el('article', { class: `card modem ${String(m.state || '').toLowerCase()}`, dataset: { modem: m.name } },
    el('header', {}, el('h2', {}, m.name), bars(percent)),
    el('dl', {},
      row('Signal', percent === null ? 'unknown' : `${percent} % (${m.signal}/31)`),
      row('State', m.state || 'unknown'),
      row('Network', [m.registration, m.operator].filter(Boolean).join(' · ') || 'unknown'),
      row('Queue', el('span', { class: 'queue-depth' }, String(m.queueDepth ?? '?'))),
      row('Sent', String(m.sent ?? '?')),
      row('Failed', String(m.failed ?? '?')),
      m.lastError ? row('Last error', `${m.lastError}${m.lastErrorAt ? ` (${when(m.lastErrorAt)})` : ''}`) : null));
}

function row(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

/** Five bars like a phone's, drawn in SVG; a modem without a reading shows them all empty. */
function bars(percent) {
  const lit = percent === null ? 0 : Math.max(percent > 0 ? 1 : 0, Math.ceil(percent / 20));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 50 30');
  svg.setAttribute('class', 'signal-bars');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', percent === null ? 'signal unknown' : `signal ${lit} of 5 bars`);
  svg.dataset.bars = String(lit);
  for (let i = 0; i < 5; i++) {
    const r = document.createElementNS(ns, 'rect');
    const h = 6 + i * 6;
    r.setAttribute('x', String(i * 10 + 1));
    r.setAttribute('y', String(30 - h));
    r.setAttribute('width', '8');
    r.setAttribute('height', String(h));
    r.setAttribute('class', i < lit ? 'on' : 'off');
    svg.append(r);
  }
  return svg;
}
