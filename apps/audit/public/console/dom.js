// Small DOM helpers. Data is only ever set as text, never as HTML.
import { fromInputValue } from './time.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * A table from column definitions: {title, value(row) → text|Node, class, sort?}. Text cells carry
 * their full text as a tooltip (they are cut with an ellipsis). `options.sort` ({by, order,
 * onSort}) makes the titles of columns with a `sort` key buttons; `options.row(tr, r)` decorates
 * each row.
 */
export function table(columns, rows, caption, options = {}) {
  const head = el(
    'tr',
    {},
    columns.map((c) => {
      const sorted = options.sort && c.sort && options.sort.by === c.sort;
      const th = el('th', { scope: 'col', class: c.class, 'aria-sort': sorted ? (options.sort.order === 'asc' ? 'ascending' : 'descending') : undefined });
      if (options.sort && c.sort) {
        const arrow = sorted ? (options.sort.order === 'asc' ? ' ▲' : ' ▼') : '';
        th.append(el('button', { type: 'button', class: 'sort', 'data-sort': c.sort, onclick: () => options.sort.onSort(c.sort) }, c.title, arrow));
      } else th.append(c.title);
      return th;
    }),
  );
  const body = rows.map((r) => {
    const tr = el(
      'tr',
      { class: columns.rowClass ? columns.rowClass(r) : undefined },
      columns.map((c) => {
        const value = c.value(r);
        return el('td', { class: c.class, title: typeof value === 'string' || typeof value === 'number' ? String(value) : undefined }, value);
      }),
    );
    options.row?.(tr, r);
    return tr;
  });
  return el('table', {}, caption ? el('caption', { class: 'skip' }, caption) : null, el('thead', {}, head), el('tbody', {}, body));
}

export function empty(text) {
  return el('p', { class: 'empty' }, text);
}

/** Form fields as an object; datetime-local values (in the console's time zone) become ISO UTC. */
export function formValues(form) {
  const out = {};
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === 'checkbox') {
      if (field.checked) out[field.name] = field.value;
      continue;
    }
    const v = field.value.trim();
    if (v === '') continue;
    if (field.type === 'datetime-local') {
      const at = fromInputValue(v);
      if (at) out[field.name] = at.toISOString();
    } else out[field.name] = v;
  }
  return out;
}

let messageTimer = null;

/** The one message line at the top (role=alert): errors stay until replaced, notices fade. */
export function showMessage(text, kind = 'error') {
  const box = $('message');
  clearTimeout(messageTimer);
  box.textContent = text;
  box.className = `message ${kind === 'error' ? '' : 'info'}`;
  box.hidden = false;
  if (kind !== 'error') messageTimer = setTimeout(() => (box.hidden = true), 5000);
}

export function clearMessage() {
  $('message').hidden = true;
}
