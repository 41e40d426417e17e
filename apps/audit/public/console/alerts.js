import { getJson, hasPermission, postJson } from './api.js';
import { $, el, empty, formValues, showMessage, table, when } from './dom.js';
import { Pager } from './pager.js';

/** Alerts: list with filters, and acknowledge with a note (needs audit.alert.ack). */
export function setupAlerts(onError) {
  const form = $('alerts-filter');
  const results = $('alerts-results');
  let filters = formValues(form);

  function ackCell(a) {
    if (a.status !== 'open') return `${a.acknowledgedBy ?? ''} ${when(a.acknowledgedAt)}${a.note ? ` — ${a.note}` : ''}`;
    if (!hasPermission('audit.alert.ack')) return 'open';
    const note = el('input', { type: 'text', maxlength: 1000, placeholder: 'note', 'aria-label': `Note for alert ${a.title}` });
    const button = el('button', { type: 'button', 'aria-label': `Acknowledge alert ${a.title}` }, 'Acknowledge');
    const box = el('form', { class: 'ack' }, note, button);
    const submit = async (e) => {
      e.preventDefault();
      button.disabled = true;
      try {
        await postJson(`/audit/alerts/${encodeURIComponent(a.id)}/ack`, note.value.trim() ? { note: note.value.trim() } : {});
        showMessage(`Alert acknowledged: ${a.title}`, 'info');
        await pager.go(() => pager.show());
        await refreshBadge();
      } catch (error) {
        button.disabled = false;
        onError(error);
      }
    };
    box.addEventListener('submit', submit);
    button.addEventListener('click', submit);
    return box;
  }

  const columns = [
    { title: 'Raised (UTC)', class: 'mono', value: (a) => when(a.raisedAt) },
    { title: 'Severity', value: (a) => el('span', { class: `sev-${a.severity}` }, a.severity) },
    { title: 'Rule', class: 'mono', value: (a) => a.rule },
    { title: 'Alert', value: (a) => a.title },
    { title: 'Count', class: 'num', value: (a) => a.occurrences },
    { title: 'Last seen', class: 'mono', value: (a) => when(a.lastSeenAt) },
    { title: 'Status', value: ackCell },
  ];

  const pager = new Pager(
    $('alerts-pager'),
    async (cursor) => {
      const page = await getJson('/audit/alerts', { ...filters, cursor });
      results.replaceChildren(page.items.length ? table(columns, page.items, 'Alerts') : empty('No alerts match these filters.'));
      return page.nextCursor;
    },
    'alerts',
  );
  pager.onError = onError;

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
  return { refresh: () => pager.go(() => pager.first()), refreshBadge, reset: () => results.replaceChildren() };
}
