// Choosing contact attributes (school, major, graduation year, ...): one list per attribute, its choices the values
// the contacts have (GET /api/contacts/attributes). Without that endpoint, a typed filter: school=...; major=...

import { api, NotAvailable } from '../api.js';
import { el, problem } from '../dom.js';

/**
 * The picker: `node` to put in a form, `criteria()` the chosen {attribute: value}, `ready` once the choices are in.
 * `initial` preselects values; `onChange` runs on every change.
 */
export function attributePicker(initial = {}, onChange = () => {}) {
  const node = el('fieldset', { class: 'attributes' }, el('legend', {}, 'Attributes'));
  let read = () => ({ ...initial });
  const ready = api('GET', '/api/contacts/attributes').then((choices) => {
    const selects = [];
    for (const [name, values] of Object.entries(choices || {}).sort(([a], [b]) => a.localeCompare(b))) {
      const select = el('select', { name: `attr.${name}`, dataset: { attribute: name }, onchange: () => onChange() },
        el('option', { value: '' }, 'any'),
        (Array.isArray(values) ? values : []).map((v) => el('option', { value: String(v) }, String(v))));
      if (initial[name] !== undefined) {
        if (![...select.options].some((o) => o.value === initial[name])) {
          select.append(el('option', { value: initial[name] }, initial[name]));
        }
        select.value = initial[name];
      }
      selects.push(select);
      node.append(el('label', {}, name, select));
    }
    if (selects.length === 0) {
      node.append(el('p', { class: 'muted' }, 'No contact has attributes yet: import contacts first.'));
    }
    read = () => Object.fromEntries(selects.filter((s) => s.value !== '').map((s) => [s.dataset.attribute, s.value]));
  }, (e) => {
    const typed = el('input', { name: 'attributes', class: 'wide', placeholder: 'school=SMA N 1 Yogyakarta; major=IPA',
      value: filterText(initial), oninput: () => onChange() });
    node.append(e instanceof NotAvailable
      ? el('p', { class: 'unavailable', dataset: { unavailable: 'attribute choices' } },
        'The list of attribute values is not available on this hub yet: type the filter instead.')
      : problem(e));
    node.append(el('label', {}, 'Filter', typed));
    read = () => parseFilter(typed.value);
  });
  return { node, ready, criteria: () => read() };
}

/** A broadcast's audience in words: its segment, its filter (text or object), or everyone. */
export function audienceText(b) {
  if (b.segment) {
    return `segment ${b.segment}`;
  }
  if (b.filter && typeof b.filter === 'object') {
    return filterText(b.filter) || 'every contact';
  }
  return b.filter || 'every contact';
}

/** {school: "SMA N 1", major: "IPA"} as the hub's filter text: school=SMA N 1; major=IPA (quoted when needed). */
export function filterText(criteria) {
  return Object.entries(criteria || {})
    .map(([k, v]) => `${k}=${/[;"]/.test(v) ? `"${String(v).replaceAll('"', '')}"` : v}`)
    .join('; ');
}

/** The typed filter back into criteria; the hub checks it properly, this only splits it for the query string. */
export function parseFilter(text) {
  const out = {};
  const parts = String(text || '').match(/(?:[^;"]+|"[^"]*")+/g) || [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    }
  }
  return out;
}
