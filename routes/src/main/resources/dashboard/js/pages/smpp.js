// SMPP: the hub's binds to operators' SMSCs (GET /api/smpp/channels), the applications bound to the hub's SMPP server
// and their accounts (GET /api/smpp/binds, /api/smpp/accounts: admins), and the MO rules (GET /api/mo/rules).

import { api, ApiError, currentUser } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';

const REFRESH_MILLIS = 5000;

export function render(view) {
  const upstream = el('section', { id: 'smpp-channels' }, el('p', { class: 'muted' }, 'Loading…'));
  const binds = el('section', { id: 'smpp-binds' });
  const accounts = el('section', { id: 'smpp-accounts' });
  const rules = el('section', { id: 'mo-rules' });
  clear(view, el('h1', {}, 'SMPP'),
    el('h2', {}, 'Binds to operators\' SMSCs'), upstream,
    el('h2', {}, 'Applications bound now'), binds,
    el('h2', {}, 'Application accounts'), accounts,
    el('h2', {}, 'Keyword services (MO rules)'), rules);
  const admin = (currentUser() || {}).role === 'admin';
  let timer = null;
  let stopped = false;
  const load = async () => {
    await Promise.all([
      section(upstream, '/api/smpp/channels', 'The SMSC binds', (r) => channels(r.channels || [])),
      admin ? section(binds, '/api/smpp/binds', 'The applications\' binds', (r) => appBinds(r.binds || []))
        : clear(binds, el('p', { class: 'muted' }, 'Admins see the applications\' binds.')),
      admin ? section(accounts, '/api/smpp/accounts', 'The accounts', (r) => accountList(r.accounts || []))
        : clear(accounts, el('p', { class: 'muted' }, 'Admins see the accounts.')),
      section(rules, '/api/mo/rules', 'The MO rules', (r) => ruleList(r.rules || [])),
    ]);
    if (!stopped) {
      timer = setTimeout(load, REFRESH_MILLIS);
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function section(node, path, what, draw) {
  try {
    clear(node, draw(await api('GET', path)));
  } catch (e) {
    clear(node, e instanceof ApiError && e.status === 403 ? el('p', { class: 'muted' }, `${what}: admins only.`)
      : problem(e, what));
  }
}

function channels(list) {
  if (list.length === 0) {
    return el('p', {}, 'No smpp channel is configured (switchboard.channel.NAME.kind=smpp).');
  }
  return list.map((c) => el('article', { class: 'card smpp-channel', dataset: { channel: c.channel } },
    el('header', {}, el('h3', {}, `${c.channel} → ${c.smsc}`), el('span', { class: `state ${c.state.toLowerCase()}` },
      c.state)),
    table([
      ['Bind', (b) => b.bind],
      ['State', (b) => el('span', { class: `state ${b.state.toLowerCase()}` }, b.state + (b.reason ? ` (${b.reason})`
        : ''))],
      ['Window', (b) => `${b.windowInUse} / ${b.window}`],
      ['Submitted', (b) => String(b.submitted)],
      ['Errors', (b) => String(b.errors)],
      ['Throttled', (b) => String(b.throttled)],
      ['Receipts', (b) => String(b.receipts)],
      ['Receipt latency', (b) => (b.receiptLatencyMillis === null ? '–' : `${b.receiptLatencyMillis} ms`)],
    ], c.binds, { class: 'data smpp-binds' })));
}

function appBinds(list) {
  return list.length === 0 ? el('p', {}, 'No application is bound.') : table([
    ['Account', (b) => b.systemId],
    ['As', (b) => b.bindType],
    ['From', (b) => b.remote],
    ['Since', (b) => when(b.boundAt)],
    ['State', (b) => b.state],
  ], list, { class: 'data', id: 'smpp-app-binds' });
}

function accountList(list) {
  return list.length === 0 ? el('p', {}, 'No account yet: switchboard smpp accounts add SYSTEM_ID --password PASS.')
    : table([
      ['System id', (a) => a.systemId],
      ['Binds as', (a) => a.bindTypes.join(', ')],
      ['Sources', (a) => (a.sources.length ? a.sources.join(', ') : 'any')],
      ['Throughput', (a) => (a.throughput ? `${a.throughput}/s` : 'no limit')],
      ['Binds', (a) => `${a.bindsOpen} of ${a.maxBinds}`],
      ['Created', (a) => `${when(a.createdAt)}${a.createdBy ? ` by ${a.createdBy}` : ''}`],
    ], list, { class: 'data', id: 'smpp-accounts-table' });
}

function ruleList(list) {
  return list.length === 0 ? el('p', {}, 'No rule: every inbound SMS goes to the help desk.') : table([
    ['Rule', (r) => r.name],
    ['Short code', (r) => r.shortCode || 'any'],
    ['Keywords', (r) => (r.keywords.length ? r.keywords.join(', ') : 'any')],
    ['Pattern', (r) => r.pattern || ''],
    ['Goes to', (r) => (r.target === 'http' ? `${r.method} ${r.url}${r.reply ? ' (answer replied)' : ''}`
      : `SMPP account ${r.systemId}`)],
    ['Priority', (r) => String(r.priority)],
  ], list, { class: 'data', id: 'mo-rules-table' });
}
