// Building the DOM without innerHTML: every text from the hub goes in as textContent, every attribute by name.

import { NotAvailable } from './api.js';

/**
 * el('a', { href: '#/x', class: 'y', onclick: fn, dataset: { id: 1 } }, 'text', child, ...): strings become text
 * nodes, null and false are skipped, arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'class') {
      node.className = value;
    } else if (value === true) {
      node.setAttribute(key, '');
    } else if (key === 'value') {
      node.value = String(value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.append(child);
    } else {
      node.append(document.createTextNode(String(child)));
    }
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** What a failed request says on the page: "not available" for an endpoint the hub lacks, else the hub's error. */
export function problem(error, what) {
  if (error instanceof NotAvailable) {
    return el('p', { class: 'unavailable', dataset: { unavailable: what || error.what } },
      `${what || 'This'} is not available on this hub yet (${error.what}).`);
  }
  return el('p', { class: 'error', role: 'alert' }, error.message || String(error));
}

/** A timestamp from the hub (ISO-8601) in the reader's own time zone. */
export function when(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** A table of rows: columns are [heading, row => cell content]. */
export function table(columns, rows, attrs = {}) {
  return el('table', attrs,
    el('thead', {}, el('tr', {}, columns.map(([heading]) => el('th', { scope: 'col' }, heading)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([, cell]) => el('td', {}, cell(row)))))));
}

/** Text of attributes {"school": "SMA N 1", ...} as "school: SMA N 1 · major: IPA". */
export function attributesText(attributes) {
  if (!attributes || typeof attributes !== 'object') {
    return '';
  }
  return Object.entries(attributes).map(([k, v]) => `${k}: ${v}`).join(' · ');
}

/** Calls fn after the input stopped changing for `millis`. */
export function debounce(fn, millis) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
}
