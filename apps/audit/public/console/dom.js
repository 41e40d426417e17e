// Small DOM helpers. Data is only ever set as text, never as HTML.

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

/** A table from column definitions: {title, value(row) → text|Node, class}. */
export function table(columns, rows, caption) {
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.title)));
  const body = rows.map((r) => el('tr', { class: columns.rowClass ? columns.rowClass(r) : undefined }, columns.map((c) => el('td', { class: c.class }, c.value(r)))));
  return el('table', {}, caption ? el('caption', { class: 'skip' }, caption) : null, el('thead', {}, head), el('tbody', {}, body));
}

export function empty(text) {
  return el('p', { class: 'empty' }, text);
}

/** Form fields as an object; datetime-local values (the operator's local time) become ISO UTC. */
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
    out[field.name] = field.type === 'datetime-local' ? new Date(v).toISOString() : v;
  }
  return out;
}

export const when = (iso) => (iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '');

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
