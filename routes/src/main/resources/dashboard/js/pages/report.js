// One broadcast's report: its progress (live while it sends), a chart of sent, delivered and failed over time, and
// every recipient's status, paged, with the CSV.

import { api } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';
import { audienceText } from './attributes.js';
import { callButton } from './calls.js';
import { timelineChart } from './chart.js';
import { follow, isOver, progressBar } from './progress.js';

const PAGE = 50;
const REFRESH_MILLIS = 3000;
// the statuses GET /api/broadcasts/ID/recipients?status= takes (as the staff see them, not as the outbox stores them)
const STATUSES = [
  ['held', 'held (not confirmed)'],
  ['queued', 'queued'],
  ['sending', 'sending'],
  ['sent', 'sent, not yet delivered'],
  ['delivered', 'delivered'],
  ['failed', 'failed'],
  ['cancelled', 'cancelled'],
];

export function render(view, [id]) {
  const bar = progressBar();
  const facts = el('dl', { class: 'facts', id: 'broadcast-facts' });
  const errors = el('div');
  const chart = el('section', { id: 'timeline' }, el('p', { class: 'muted' }, 'Loading…'));
  const recipients = el('section', { id: 'recipients' });
  const statusFilter = el('select', { id: 'recipient-status' }, el('option', { value: '' }, 'any status'),
    STATUSES.map(([value, label]) => el('option', { value }, label)));
  const csv = `/api/broadcasts/${id}/recipients.csv`;
  const csvLink = el('a', { href: csv, id: 'recipients-csv', download: `broadcast-${id}-recipients.csv`,
    class: 'button secondary' }, 'Download CSV');
  let offset = 0;
  let timer = null;
  let over = false;
  clear(view,
    el('p', {}, el('a', { href: '#/broadcasts' }, '← Broadcasts')),
    el('h1', {}, `Broadcast #${id}`), facts, bar.node, errors,
    el('h2', {}, 'Over time'), chart,
    el('h2', {}, 'Recipients'),
    el('div', { class: 'actions' }, el('label', {}, 'Show ', statusFilter), csvLink),
    recipients);

  // redrawn only when the answer changed, so the page does not flicker or lose the reader's place
  const shown = { timeline: null, recipients: null };
  const loadTimeline = async () => {
    try {
      const t = await api('GET', `/api/broadcasts/${id}/timeline`);
      const key = JSON.stringify(t);
      if (key === shown.timeline) {
        return true;
      }
      shown.timeline = key;
      clear(chart, timelineChart(t.buckets || []));
    } catch (e) {
      clear(chart, problem(e, 'The chart over time'));
      return false;
    }
    return true;
  };
  // a refresh may still be on its way when the reader picks another status or page: only the latest answer is drawn
  let asked = 0;
  const loadRecipients = async () => {
    const query = { offset, limit: PAGE };
    if (statusFilter.value) {
      query.status = statusFilter.value;
    }
    const mine = ++asked;
    try {
      const page = await api('GET', `/api/broadcasts/${id}/recipients`, { query });
      if (mine !== asked) {
        return true;
      }
      const key = JSON.stringify([query, page]);
      if (key === shown.recipients) {
        return true;
      }
      shown.recipients = key;
      const items = page.items || page.recipients || [];
      const total = Number(page.total) || 0;
      // fewer may have this status by the next refresh than when the reader paged on: lead back to the last page
      const past = total > 0 && items.length === 0;
      const back = past ? Math.floor((total - 1) / PAGE) * PAGE : Math.max(0, offset - PAGE);
      clear(recipients,
        el('nav', { class: 'pager' },
          offset > 0 ? el('button', { type: 'button', class: 'link', onclick: () => { offset = back; loadRecipients(); } }, past ? '← last page' : '← previous') : null,
          el('span', { id: 'recipients-count' }, past ? `No more recipients: ${total} in all.`
            : total > 0 ? `${offset + 1}–${offset + items.length} of ${total}`
              : query.status ? 'No recipient with this status.' : 'No recipient.'),
          offset + items.length < total ? el('button', { type: 'button', class: 'link', onclick: () => { offset += PAGE; loadRecipients(); } }, 'next →') : null),
        items.length === 0 ? null : table([
          ['Number', (r) => r.number || r.to || ''],
          ['Name', (r) => r.name || ''],
          ['Message', (r) => (r.id ? el('a', { href: `#/messages/${encodeURIComponent(r.id)}` }, r.id) : '')],
          ['Status', (r) => String(r.status || '').toLowerCase()],
          ['Delivery', (r) => r.delivery || ''],
          ['Sent', (r) => when(r.sentAt)],
          ['Error', (r) => r.error || ''],
          ['', (r) => ((r.number || r.to) ? callButton(r.number || r.to) : '')],
        ], items, { class: 'data', id: 'recipients-table' }));
    } catch (e) {
      if (mine !== asked) {
        return true;
      }
      clear(recipients, problem(e, 'The list of recipients'));
      return false;
    }
    return true;
  };
  statusFilter.addEventListener('change', () => {
    offset = 0;
    loadRecipients();
  });

  // The chart and the table follow the broadcast while it sends, less often than the bar.
  const refresh = async () => {
    const a = await loadTimeline();
    const b = await loadRecipients();
    if (!over && (a || b)) {
      timer = setTimeout(refresh, REFRESH_MILLIS);
    }
  };
  const stopFollowing = follow(id, (b) => {
    bar.update(b);
    clear(facts,
      fact('Message', b.template),
      fact('To', audienceText(b)),
      fact('Requested by', b.requestedBy),
      fact('Created', when(b.createdAt)),
      fact('Confirmed', when(b.confirmedAt)),
      fact('Finished', when(b.finishedAt)),
      fact('Skipped', `${b.optedOut ?? 0} opted out, ${b.invalid ?? 0} invalid, ${b.duplicates ?? 0} duplicates`));
    if (isOver(b) && !over) {
      over = true;
      clearTimeout(timer);
      loadTimeline();
      loadRecipients();
    }
  }, errors);
  refresh();
  return () => {
    over = true;
    clearTimeout(timer);
    stopFollowing();
  };
}

function fact(term, value) {
  return value ? [el('dt', {}, term), el('dd', {}, String(value))] : null;
}
