// A broadcast's progress: a bar that follows GET /api/broadcasts/ID while it sends.

import { api } from '../api.js';
import { clear, el, problem } from '../dom.js';

const POLL_MILLIS = 1000;

/** Counts from the broadcast's "progress": every SMS is held, queued, sending, sent, failed or cancelled. */
export function counts(b) {
  const p = b.progress || {};
  const n = (k) => Number(p[k]) || 0;
  const total = n('held') + n('queued') + n('sending') + n('sent') + n('failed') + n('cancelled');
  const done = n('sent') + n('failed') + n('cancelled');
  return {
    total, done, sent: n('sent'), delivered: n('delivered'), failed: n('failed'), cancelled: n('cancelled'),
    percent: total === 0 ? (isOver(b) ? 100 : 0) : Math.floor((done * 100) / total),
  };
}

export function isOver(b) {
  return b.status === 'DONE' || b.status === 'CANCELLED';
}

/** The bar and its words; `update(b)` redraws them from a broadcast. */
export function progressBar() {
  const bar = el('progress', { id: 'broadcast-progress', max: 100, value: 0 });
  const label = el('span', { id: 'broadcast-progress-text' });
  const state = el('span', { id: 'broadcast-status', class: 'status' });
  const node = el('div', { class: 'progress-box' }, el('div', {}, 'Status: ', state), bar, label);
  return {
    node,
    update(b) {
      const c = counts(b);
      bar.value = c.percent;
      bar.dataset.percent = String(c.percent);
      state.textContent = String(b.status || '').toLowerCase().replaceAll('_', ' ');
      state.className = `status ${String(b.status || '').toLowerCase()}`;
      label.textContent = `${c.percent} % · ${c.done} of ${c.total} done: ${c.sent} sent (${c.delivered} delivered),`
        + ` ${c.failed} failed${c.cancelled ? `, ${c.cancelled} cancelled` : ''}`;
    },
  };
}

/**
 * Polls the broadcast until it is over, calling `onUpdate(b)` each time; returns the function that stops it.
 * A failed poll is shown in `errors` and the polling goes on.
 */
export function follow(id, onUpdate, errors) {
  let timer = null;
  let stopped = false;
  const poll = async () => {
    try {
      const b = await api('GET', `/api/broadcasts/${id}`);
      if (errors) {
        clear(errors);
      }
      onUpdate(b);
      // delivery reports may still come after 100 % sent: only a finished broadcast stops changing
      if (isOver(b)) {
        return;
      }
    } catch (e) {
      if (errors) {
        clear(errors, problem(e));
      }
    }
    if (!stopped) {
      timer = setTimeout(poll, POLL_MILLIS);
    }
  };
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
