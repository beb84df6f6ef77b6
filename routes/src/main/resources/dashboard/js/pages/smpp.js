// SMPP: the hub's binds to operators' SMSCs (GET /api/smpp/channels), the applications bound to the hub's SMPP server
// and their accounts (GET /api/smpp/binds, /api/smpp/accounts: admins), and the MO rules (GET /api/mo/rules). Admins
// add and remove accounts (POST, DELETE /api/smpp/accounts) and rules (PUT, DELETE /api/mo/rules/NAME) here too.

import { api, ApiError, currentUser } from '../api.js';
import { clear, el, problem, table, when } from '../dom.js';

const REFRESH_MILLIS = 5000;

export function render(view) {
  const upstream = el('section', { id: 'smpp-channels' }, el('p', { class: 'muted' }, 'Loading…'));
  const binds = el('section', { id: 'smpp-binds' });
  const accounts = el('section', { id: 'smpp-accounts' });
  const rules = el('section', { id: 'mo-rules' });
  const admin = (currentUser() || {}).role === 'admin';
  let timer = null;
  let stopped = false;
  let load = null;
  const changed = () => {
    clearTimeout(timer);
    load();
  };
  clear(view, el('h1', {}, 'SMPP'),
    el('h2', {}, 'Binds to operators\' SMSCs'), upstream,
    el('h2', {}, 'Applications bound now'), binds,
    el('h2', {}, 'Application accounts'), accounts, admin ? accountForm(changed) : null,
    el('h2', {}, 'Keyword services (MO rules)'), rules, admin ? ruleForm(changed) : null);
  load = async () => {
    await Promise.all([
      section(upstream, '/api/smpp/channels', 'The SMSC binds', (r) => channels(r.channels || [])),
      admin ? section(binds, '/api/smpp/binds', 'The applications\' binds', (r) => appBinds(r.binds || []))
        : clear(binds, el('p', { class: 'muted' }, 'Admins see the applications\' binds.')),
      admin ? section(accounts, '/api/smpp/accounts', 'The accounts', (r) => accountList(r.accounts || [], changed))
        : clear(accounts, el('p', { class: 'muted' }, 'Admins see the accounts.')),
      section(rules, '/api/mo/rules', 'The MO rules', (r) => ruleList(r.rules || [], admin ? changed : null)),
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

function accountList(list, changed) {
  return list.length === 0 ? el('p', {}, 'No account yet: switchboard smpp accounts add SYSTEM_ID --password PASS.')
    : table([
      ['System id', (a) => a.systemId],
      ['Binds as', (a) => a.bindTypes.join(', ')],
      ['Sources', (a) => (a.sources.length ? a.sources.join(', ') : 'any')],
      ['Throughput', (a) => (a.throughput ? `${a.throughput}/s` : 'no limit')],
      ['Binds', (a) => `${a.bindsOpen} of ${a.maxBinds}`],
      ['Created', (a) => `${when(a.createdAt)}${a.createdBy ? ` by ${a.createdBy}` : ''}`],
      ['', (a) => remove(`account ${a.systemId}`, `/api/smpp/accounts/${encodeURIComponent(a.systemId)}`, changed)],
    ], list, { class: 'data', id: 'smpp-accounts-table' });
}

function ruleList(list, changed) {
  return list.length === 0 ? el('p', {}, 'No rule: every inbound SMS goes to the help desk.') : table([
    ['Rule', (r) => r.name],
    ['Short code', (r) => r.shortCode || 'any'],
    ['Keywords', (r) => (r.keywords.length ? r.keywords.join(', ') : 'any')],
    ['Pattern', (r) => r.pattern || ''],
    ['Goes to', (r) => (r.target === 'http' ? `${r.method} ${r.url}${r.reply ? ' (answer replied)' : ''}`
      : `SMPP account ${r.systemId}`)],
    ['Priority', (r) => String(r.priority)],
    ['', (r) => (changed ? remove(`rule ${r.name}`, `/api/mo/rules/${encodeURIComponent(r.name)}`, changed) : '')],
  ], list, { class: 'data', id: 'mo-rules-table' });
}

/** A button that deletes one thing, once confirmed. */
function remove(what, path, changed) {
  return el('button', { type: 'button', class: 'link', dataset: { remove: what }, onclick: async (ev) => {
    if (!window.confirm(`Remove ${what}?`)) {
      return;
    }
    ev.target.disabled = true;
    try {
      await api('DELETE', path);
      changed();
    } catch (e) {
      ev.target.replaceWith(problem(e, `Removing ${what}`));
    }
  } }, 'Remove');
}

function field(label, input) {
  return el('label', {}, label, input);
}

/** A new account: the same checks as the CLI's (system_id, an 8-character password, limits). */
function accountForm(changed) {
  const out = el('p', { class: 'muted', role: 'status' });
  const form = el('form', { id: 'smpp-account-form', class: 'filters' },
    field('System id', el('input', { name: 'systemId', required: true, maxlength: 15 })),
    field('Password (1 to 8 characters)', el('input', { name: 'password', type: 'password', required: true,
      maxlength: 8, autocomplete: 'new-password' })),
    field('Binds as', el('select', { name: 'bindTypes' }, el('option', { value: '' }, 'any'),
      ['transmitter', 'receiver', 'transceiver'].map((t) => el('option', { value: t }, t)))),
    field('Sources (comma; PREFIX* for a range)', el('input', { name: 'sources' })),
    field('Throughput a second (0: none)', el('input', { name: 'throughput', type: 'number', min: 0, value: 0 })),
    field('Binds at once', el('input', { name: 'maxBinds', type: 'number', min: 1, value: 4 })),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Add account'), out));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    try {
      const a = await api('POST', '/api/smpp/accounts', { json: {
        systemId: f.get('systemId'), password: f.get('password'),
        bindTypes: f.get('bindTypes') ? [f.get('bindTypes')] : [],
        sources: String(f.get('sources') || '').split(',').map((x) => x.trim()).filter(Boolean),
        throughput: Number(f.get('throughput')) || 0, maxBinds: Number(f.get('maxBinds')) || 4 } });
      clear(out, `Account ${a.systemId} added.`);
      form.reset();
      changed();
    } catch (e) {
      clear(out, problem(e, 'Adding the account'));
    }
  });
  return form;
}

/** A rule added, or replaced by name: to an application's URL or to an SMPP account. */
function ruleForm(changed) {
  const out = el('p', { class: 'muted', role: 'status' });
  const form = el('form', { id: 'mo-rule-form', class: 'filters' },
    field('Rule name', el('input', { name: 'name', required: true, pattern: '[a-z0-9][a-z0-9._-]*' })),
    field('Short code (blank: any)', el('input', { name: 'shortCode' })),
    field('Keywords (comma: aliases)', el('input', { name: 'keywords' })),
    field('Pattern (regular expression)', el('input', { name: 'pattern' })),
    field('Goes to', el('select', { name: 'target' }, el('option', { value: 'http' }, 'a URL'),
      el('option', { value: 'smpp' }, 'an SMPP account'))),
    field('URL (%p sender, %P short code, %k keyword, %a text…)', el('input', { name: 'url', class: 'wide' })),
    field('Method', el('select', { name: 'method' }, el('option', { value: 'GET' }, 'GET'),
      el('option', { value: 'POST' }, 'POST'))),
    field('SMPP account', el('input', { name: 'systemId' })),
    field('Priority (lower first)', el('input', { name: 'priority', type: 'number', value: 100 })),
    el('label', { class: 'check' }, el('input', { name: 'reply', type: 'checkbox' }),
      ' the URL\'s answer is the reply SMS'),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Save rule'), out));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const text = (k) => String(f.get(k) || '').trim() || null;
    try {
      const r = await api('PUT', `/api/mo/rules/${encodeURIComponent(text('name') || '')}`, { json: {
        shortCode: text('shortCode'), pattern: text('pattern'), target: f.get('target'), url: text('url'),
        method: f.get('method'), systemId: text('systemId'), reply: f.get('reply') === 'on',
        priority: Number(f.get('priority')) || 100,
        keywords: String(f.get('keywords') || '').split(',').map((x) => x.trim()).filter(Boolean) } });
      clear(out, `Rule ${r.name} saved.`);
      form.reset();
      changed();
    } catch (e) {
      clear(out, problem(e, 'Saving the rule'));
    }
  });
  return form;
}
