// Contacts import: a CSV file sent to POST /api/contacts/import, and the hub's report row by row.

import { api } from '../api.js';
import { clear, el, problem, table } from '../dom.js';

export function render(view) {
  const file = el('input', { type: 'file', id: 'csv-file', name: 'file', accept: '.csv,text/csv', required: true });
  const charset = el('select', { id: 'csv-charset', name: 'charset' },
    el('option', { value: 'utf-8' }, 'UTF-8 (CSV UTF-8)'),
    el('option', { value: 'windows-1252' }, 'Windows (windows-1252)'));
  const report = el('section', { id: 'import-report' });
  const button = el('button', { type: 'submit' }, 'Import');
  const form = el('form', { id: 'import-form', class: 'card' },
    el('p', {}, 'A CSV with a header row: number, name, then one column per attribute (school, major, graduation year…).'
      + ' Contacts already known are updated; rows that cannot be read are listed below and not imported.'),
    el('label', {}, 'CSV file', file),
    el('label', {}, 'Character set', charset),
    el('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      return;
    }
    button.disabled = true;
    clear(report, el('p', { class: 'muted' }, `Importing ${chosen.name}…`));
    try {
      const r = await api('POST', '/api/contacts/import', { body: chosen, type: `text/csv; charset=${charset.value}` });
      clear(report, summary(chosen.name, r));
    } catch (e) {
      clear(report, problem(e, 'Contacts import'));
    } finally {
      button.disabled = false;
    }
  });
  clear(view, el('h1', {}, 'Import contacts'), form, report);
}

function summary(name, r) {
  const rejected = r.rejected || [];
  const duplicates = r.duplicates || [];
  const warnings = r.warnings || [];
  return [
    el('h2', {}, `Report for ${name}`),
    el('dl', { class: 'counts', id: 'import-counts' },
      count('Rows read', r.rowsRead, 'rows-read'),
      count('Created', r.created, 'created'),
      count('Updated', r.updated, 'updated'),
      count('Unchanged', r.unchanged, 'unchanged'),
      count('Duplicates merged', r.mergedDuplicates, 'merged'),
      count('Rejected', rejected.length, 'rejected')),
    rejected.length === 0 ? el('p', { class: 'ok' }, 'Every row was imported.') : [
      el('h3', {}, 'Rows not imported'),
      table([
        ['Line', (x) => String(x.line)],
        ['Number as written', (x) => x.number || ''],
        ['Why', (x) => x.reason || ''],
      ], rejected, { id: 'rejected-rows', class: 'data' })],
    duplicates.length === 0 ? null : [
      el('h3', {}, 'Numbers on several lines (merged)'),
      table([
        ['Number', (d) => d.number],
        ['Lines', (d) => (d.lines || []).join(', ')],
      ], duplicates, { class: 'data' })],
    warnings.length === 0 ? null : el('ul', { class: 'warnings' }, warnings.map((w) => el('li', {}, w))),
  ];
}

function count(term, value, key) {
  return [el('dt', {}, term), el('dd', { dataset: { count: key } }, String(value ?? 0))];
}
