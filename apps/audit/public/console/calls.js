import { getJson } from './api.js';
import { $, el, empty, formValues, table, when } from './dom.js';
import { Pager } from './pager.js';

const callColumns = (open) => {
  const cols = [
    { title: 'Time (UTC)', class: 'mono', value: (c) => when(c.at) },
    { title: 'Dir.', value: (c) => (c.direction === 'inbound' ? 'in' : 'out') },
    { title: 'Service', value: (c) => c.service },
    { title: 'Caller', value: (c) => c.caller ?? '—' },
    { title: 'Callee', value: (c) => c.callee },
    { title: 'Pattern', class: 'mono', value: (c) => c.pattern ?? '—' },
    { title: 'Code', class: 'num code', value: (c) => c.code },
    { title: 'ms', class: 'num', value: (c) => c.durationMs },
    { title: 'Actor', value: (c) => c.actor ?? '' },
    { title: 'Request ID', class: 'mono', value: (c) => c.requestId ?? '' },
  ];
  if (open) cols.push({ title: '', value: (c) => el('button', { type: 'button', class: 'secondary', 'data-call': c.id, 'aria-label': `Open call ${c.pattern ?? ''} at ${when(c.at)}`, onclick: () => open(c.id) }, 'Open') });
  cols.rowClass = (c) => (c.ok ? '' : 'failed');
  return cols;
};

const operationColumns = () => [
  { title: 'Time (UTC)', class: 'mono', value: (o) => when(o.at) },
  { title: 'Service', value: (o) => o.service },
  { title: 'By', value: (o) => `${o.actor} (${o.actorType})` },
  { title: 'Entity', value: (o) => `${o.entity} ${o.entityId}` },
  { title: 'Action', value: (o) => o.action },
  { title: 'Changes', class: 'mono', value: (o) => o.changes.map((c) => `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`).join('; ') },
];

export { operationColumns };

/** The call log: filters of GET /audit/calls, keyset pages, and one call opened with everything about it. */
export function setupCalls(onError) {
  const form = $('calls-filter');
  const results = $('calls-results');
  let filters = {};
  let lastOpener = null;

  const pager = new Pager(
    $('calls-pager'),
    async (cursor) => {
      const page = await getJson('/audit/calls', { ...filters, cursor });
      results.replaceChildren(page.items.length ? table(callColumns(open), page.items, 'Calls') : empty('No calls match these filters.'));
      results.scrollTop = 0;
      return page.nextCursor;
    },
    'call log',
  );
  pager.onError = onError;

  async function open(id) {
    lastOpener = document.activeElement;
    try {
      const d = await getJson(`/audit/calls/${encodeURIComponent(id)}`);
      const c = d.call;
      const pairs = [
        ['ID', c.id], ['Time', when(c.at)], ['Direction', c.direction], ['Service', c.service],
        ['Caller', c.caller ?? '—'], ['Callee', c.callee], ['Pattern', c.pattern ?? '—'], ['Request ID', c.requestId ?? '—'],
        ['Actor', c.actor ?? '—'], ['Code', `${c.code} ${c.ok ? '(OK)' : '(failed)'}`], ['Duration', `${c.durationMs} ms`], ['Source', c.source ?? '—'],
        ['Message', c.message ?? '—'],
      ];
      $('call-detail-fields').replaceChildren(...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
      $('call-detail-related').replaceChildren(d.related.length ? table(callColumns(null), d.related, 'Other legs') : empty('No other legs recorded.'));
      $('call-detail-operations').replaceChildren(d.operations.length ? table(operationColumns(), d.operations, 'Changes') : empty('This request changed nothing.'));
      $('call-detail').hidden = false;
      $('call-detail-title').textContent = `Call ${c.pattern ?? ''} — ${when(c.at)}`;
      $('call-detail-title').focus();
    } catch (error) {
      onError(error);
    }
  }

  function close() {
    $('call-detail').hidden = true;
    lastOpener?.focus?.();
  }

  $('call-detail-close').addEventListener('click', close);
  $('call-detail').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filters = formValues(form);
    void pager.go(() => pager.first());
  });
  form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
  return { refresh: () => pager.go(() => pager.first()), reset: () => results.replaceChildren() };
}
