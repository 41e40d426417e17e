import { getJson, hasPermission, postJson } from './api.js';
import { $, el, empty, formValues, showMessage, table } from './dom.js';
import { Pager } from './pager.js';
import { formatTime, onZoneChange, zoneLabel } from './time.js';

const detailText = (details) =>
  Object.entries(details ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(', ');

/** Alerts: list with filters, and acknowledge with an optional note (needs audit.alert.ack). */
export function setupAlerts(onError) {
  const form = $('alerts-filter');
  const results = $('alerts-results');
  let filters = formValues(form);
  let items = [];

  const statusCell = (a) =>
    a.status === 'open'
      ? el('span', { class: 'status-open' }, 'open')
      : el('span', { title: `${a.acknowledgedBy ?? ''} ${formatTime(a.acknowledgedAt)}${a.note ? ` — ${a.note}` : ''}` }, 'acknowledged');

  /** Acknowledge: a button that opens a note field and a confirm button in its place. */
  function actionCell(a) {
    if (a.status !== 'open') return a.note ? el('span', { class: 'note', title: a.note }, `${a.acknowledgedBy}: ${a.note}`) : (a.acknowledgedBy ?? '');
    if (!hasPermission('audit.alert.ack')) return '';
    const cell = el('div', { class: 'ack' });
    const start = el('button', { type: 'button', class: 'secondary', 'aria-label': `Acknowledge alert ${a.title}` }, 'Acknowledge…');
    start.addEventListener('click', () => {
      const note = el('input', { type: 'text', maxlength: 1000, placeholder: 'note (optional)', 'aria-label': `Note for alert ${a.title}` });
      const confirm = el('button', { type: 'submit', 'aria-label': `Confirm acknowledging alert ${a.title}` }, 'Acknowledge');
      const cancel = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Cancel' }, '✕');
      const box = el('form', { class: 'ack' }, note, confirm, cancel);
      cancel.addEventListener('click', () => {
        box.replaceWith(cell);
        start.focus();
      });
      box.addEventListener('submit', async (e) => {
        e.preventDefault();
        confirm.disabled = true;
        try {
          await postJson(`/audit/alerts/${encodeURIComponent(a.id)}/ack`, note.value.trim() ? { note: note.value.trim() } : {});
          showMessage(`Alert acknowledged: ${a.title}`, 'info');
          await pager.go(() => pager.show());
          await refreshBadge();
        } catch (error) {
          confirm.disabled = false;
          onError(error);
        }
      });
      cell.replaceWith(box);
      note.focus();
    });
    cell.append(start);
    return cell;
  }

  const columns = () => [
    { title: `Raised (${zoneLabel()})`, class: 'mono time', value: (a) => formatTime(a.raisedAt, { ms: false }) },
    { title: 'Severity', class: 'sev', value: (a) => el('span', { class: `sev-${a.severity}` }, a.severity) },
    { title: 'Rule', class: 'mono rule', value: (a) => a.rule },
    { title: 'Alert', class: 'title', value: (a) => a.title },
    { title: 'Details', class: 'details', value: (a) => detailText(a.details) },
    { title: 'Count', class: 'num count', value: (a) => a.occurrences },
    { title: 'Last seen', class: 'mono time last-seen', value: (a) => formatTime(a.lastSeenAt, { ms: false }) },
    { title: 'Status', class: 'status-col', value: statusCell },
    { title: 'Action', class: 'action-col', value: actionCell },
  ];

  const render = () => results.replaceChildren(items.length ? table(columns(), items, 'Alerts') : empty('No alerts match these filters.'));

  const pager = new Pager(
    $('alerts-pager'),
    async (cursor) => {
      const page = await getJson('/audit/alerts', { ...filters, cursor });
      items = page.items;
      render();
      return page.nextCursor;
    },
    'alerts',
  );
  pager.onError = onError;

  /** The open alerts' count on the tab; hidden at 0. */
  async function refreshBadge() {
    try {
      const page = await getJson('/audit/alerts', { status: 'open', limit: 100 });
      const badge = $('open-alerts');
      badge.textContent = page.items.length >= 100 ? '100+' : String(page.items.length);
      badge.hidden = page.items.length === 0;
      badge.setAttribute('aria-label', `${badge.textContent} open`);
    } catch {
      /* the badge is a hint; the list itself reports errors */
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filters = formValues(form);
    void pager.go(() => pager.first());
  });
  form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
  onZoneChange(render);
  return {
    refresh: () => pager.go(() => pager.first()),
    refreshBadge,
    reset: () => {
      items = [];
      results.replaceChildren();
      $('open-alerts').hidden = true;
    },
  };
}
