import { getJson } from './api.js';
import { $, el, empty, formValues, table } from './dom.js';
import { histogramKeys, renderHistogram } from './histogram.js';
import { Pager } from './pager.js';
import { formatTime, onZoneChange, toInputValue, zoneLabel } from './time.js';

const PRESETS = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };
/** Text searches that match a prefix unless the operator writes `*` (the API matches exactly without one). */
const PREFIX_FIELDS = ['pattern', 'caller', 'requestId'];
/** Numbers and times read best newest or largest first; names from A. */
const FIRST_ORDER = { at: 'desc', durationMs: 'desc', code: 'desc' };

const callColumns = (open) => {
  const cols = [
    {
      title: `Time (${zoneLabel()})`,
      class: 'mono time',
      sort: 'at',
      value: (c) =>
        open
          ? el('button', { type: 'button', class: 'link', 'data-call': c.id, 'aria-label': `Open call ${c.pattern ?? ''} at ${formatTime(c.at)}` }, formatTime(c.at))
          : formatTime(c.at),
    },
    { title: 'Dir.', class: 'dir opt', value: (c) => (c.direction === 'inbound' ? 'in' : 'out') },
    { title: 'Service', class: 'svc', sort: 'service', value: (c) => c.service },
    { title: 'Caller', class: 'party', sort: 'caller', value: (c) => c.caller ?? '—' },
    { title: 'Callee', class: 'party opt', sort: 'callee', value: (c) => c.callee },
    { title: 'Pattern', class: 'mono pattern', sort: 'pattern', value: (c) => c.pattern ?? '—' },
    { title: 'Code', class: 'num code', sort: 'code', value: (c) => c.code },
    { title: 'ms', class: 'num ms', sort: 'durationMs', value: (c) => Math.round(c.durationMs * 10) / 10 },
    { title: 'Actor', class: 'party opt lesser', value: (c) => c.actor ?? '' },
    { title: 'Request ID', class: 'mono req opt', value: (c) => c.requestId ?? '' },
  ];
  cols.rowClass = (c) => (c.ok ? '' : 'failed');
  return cols;
};

/** `short`: the time of day only (in the call's panel, where everything happened within moments). */
const operationColumns = ({ short = false } = {}) => [
  { title: short ? 'Time' : `Time (${zoneLabel()})`, class: 'mono time', value: (o) => (short ? formatTime(o.at).slice(11) : formatTime(o.at)) },
  { title: 'Service', class: 'svc', value: (o) => o.service },
  { title: 'By', class: 'party', value: (o) => `${o.actor} (${o.actorType})` },
  { title: 'Entity', class: 'entity', value: (o) => `${o.entity} ${o.entityId}` },
  { title: 'Action', class: 'action', value: (o) => o.action },
  { title: 'Changes', class: 'mono changes', value: (o) => o.changes.map((c) => `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`).join('; ') },
];

/** `depth`: how many of a leg's parent spans are among the legs shown (a credential check sits under the call that caused it). */
const legColumns = (currentId, depth) => {
  const cols = [
    { title: 'Time', class: 'mono time', value: (c) => formatTime(c.at).slice(11) },
    // Two lines: what was called; where it was recorded and who called whom.
    {
      title: 'Leg',
      class: 'call',
      value: (c) => {
        const where = `${c.direction === 'inbound' ? 'in at' : 'out of'} ${c.service}: ${c.caller ?? '—'} → ${c.callee}`;
        return el(
          'div',
          { class: `leg depth-${Math.min(depth.get(c.id) ?? 0, 4)}` },
          el('div', { class: 'mono', title: c.pattern ?? '' }, c.pattern ?? '—'),
          el('div', { class: 'hint', title: where }, where),
        );
      },
    },
    { title: 'Code', class: 'num code', value: (c) => c.code },
    { title: 'ms', class: 'num ms', value: (c) => Math.round(c.durationMs * 10) / 10 },
  ];
  cols.rowClass = (c) => [c.ok ? '' : 'failed', c.id === currentId ? 'current' : ''].join(' ').trim();
  return cols;
};

export { operationColumns };

/** How many of a leg's parent spans are among `bySpan` (a cycle in bad data stops at the legs' count). */
function ancestors(leg, bySpan) {
  let n = 0;
  for (let p = bySpan.get(leg.parentSpanId); p && n < bySpan.size; p = bySpan.get(p.parentSpanId)) n++;
  return n;
}

/** A bucket width in the largest unit it is a whole number of. */
function span(seconds) {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['min', 60]]) if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  return `${seconds} s`;
}

/**
 * The call log: time presets or a range, the filters of GET /audit/calls, a histogram of the range
 * (click a bar to zoom), sortable columns, keyset pages, optional auto-refresh, and one call opened
 * in a side panel next to its highlighted row.
 */
export function setupCalls(onError) {
  const form = $('calls-filter');
  const results = $('calls-results');
  const split = $('calls-split');
  const histogramBox = $('calls-histogram');
  let preset = '24h';
  let sort = { by: 'at', order: 'desc' };
  let query = {};
  let items = [];
  let histogram = null;
  let detail = null;
  let busy = false;
  let timer = null;

  const pager = new Pager(
    $('calls-pager'),
    async (cursor) => {
      const page = await getJson('/audit/calls', { ...query, sort: sort.by, order: sort.order, cursor });
      items = page.items;
      render();
      results.scrollTop = 0;
      return page.nextCursor;
    },
    'call log',
  );
  pager.onError = onError;
  histogramKeys(histogramBox);

  function render() {
    if (!items.length) {
      results.replaceChildren(empty('No calls match these filters.'));
      return;
    }
    results.replaceChildren(
      table(callColumns(true), items, 'Calls', {
        sort: { ...sort, onSort: sortBy },
        row: (tr, c) => {
          tr.dataset.id = c.id;
          if (detail && detail.call.id === c.id) {
            tr.classList.add('selected');
            tr.setAttribute('aria-selected', 'true');
          }
        },
      }),
    );
  }

  function renderHistogramNow() {
    if (!histogram) return histogramBox.replaceChildren();
    renderHistogram(histogramBox, histogram, zoom);
    const t = histogram.total;
    $('calls-total').textContent = `${t.calls} calls, ${t.errors} failed, ${span(histogram.bucketSeconds)} per bar`;
  }

  function setPreset(name) {
    preset = name;
    for (const b of form.querySelectorAll('[data-preset]')) b.setAttribute('aria-pressed', String(b.dataset.preset === name));
  }

  /** The query of the form: a preset's range is counted back from now, text searches match a prefix. */
  function readForm() {
    const to = new Date();
    const from = preset ? new Date(to.getTime() - PRESETS[preset]) : null;
    if (preset) {
      form.elements.from.value = toInputValue(from);
      form.elements.to.value = toInputValue(to);
    }
    const v = formValues(form);
    delete v.refresh;
    // The inputs show whole seconds; a preset's range is exact to the millisecond.
    if (preset) Object.assign(v, { from: from.toISOString(), to: to.toISOString() });
    for (const f of PREFIX_FIELDS) if (v[f] && !v[f].includes('*')) v[f] = `${v[f]}*`;
    if (v.internal) delete v.internal;
    else v.internal = 'false';
    return v;
  }

  /** Reads the first page and the histogram of the form's range. `quiet`: an auto-refresh (focus stays where it is). */
  async function search({ quiet = false } = {}) {
    if (busy) return;
    busy = true;
    try {
      query = readForm();
      const { limit, ...filters } = query;
      const buckets = Math.max(20, Math.min(120, Math.floor(histogramBox.clientWidth / 10) || 60));
      const loadHistogram = getJson('/audit/calls/histogram', { ...filters, buckets }).then(
        (h) => {
          histogram = h;
          renderHistogramNow();
        },
        (error) => onError(error),
      );
      if (quiet) await pager.first().catch(onError);
      else await pager.go(() => pager.first());
      await loadHistogram;
      $('calls-updated').textContent = `Updated ${formatTime(new Date().toISOString(), { ms: false })}`;
      if (detail && !items.some((c) => c.id === detail.call.id) && !quiet) close(false);
    } finally {
      busy = false;
    }
  }

  function sortBy(column) {
    sort = sort.by === column ? { by: column, order: sort.order === 'asc' ? 'desc' : 'asc' } : { by: column, order: FIRST_ORDER[column] ?? 'asc' };
    void pager.go(() => pager.first()).then(() => results.querySelector(`th button[data-sort="${column}"]`)?.focus());
  }

  function zoom(from, to) {
    setPreset(null);
    form.elements.from.value = toInputValue(from);
    form.elements.to.value = toInputValue(to);
    void search();
  }

  function highlight(id) {
    for (const tr of results.querySelectorAll('tbody tr')) {
      const on = tr.dataset.id === id;
      tr.classList.toggle('selected', on);
      if (on) {
        tr.setAttribute('aria-selected', 'true');
        tr.scrollIntoView({ block: 'nearest' });
      } else tr.removeAttribute('aria-selected');
    }
  }

  async function open(id, { focus = true } = {}) {
    try {
      detail = await getJson(`/audit/calls/${encodeURIComponent(id)}`);
      renderDetail();
      split.classList.add('with-detail');
      $('call-detail').hidden = false;
      highlight(id);
      if (focus) $('call-detail-title').focus();
    } catch (error) {
      onError(error);
    }
  }

  function renderDetail() {
    if (!detail) return;
    const c = detail.call;
    const pairs = [
      ['Time', `${formatTime(c.at)} (${zoneLabel()})`],
      ['Pattern', c.pattern ?? '—'],
      ['Code', `${c.code} ${c.ok ? '(OK)' : '(failed)'}`],
      ['Duration', `${c.durationMs} ms`],
      ['Caller', c.caller ?? '—'],
      ['Callee', c.callee],
      ['Direction', `${c.direction} at ${c.service}`],
      ['Actor', c.actor ?? '—'],
      ['Source', c.source ?? '—'],
      ['Request ID', c.requestId ?? '—'],
      ['Trace ID', c.traceId ?? '—'],
      ['Message', c.message ?? '—'],
      ['ID', c.id],
    ];
    const wide = new Set(['Time', 'Pattern', 'Request ID', 'Trace ID', 'Message', 'ID']);
    $('call-detail-fields').replaceChildren(...pairs.map(([k, v]) => el('div', { class: wide.has(k) ? 'wide' : undefined }, el('dt', {}, k), el('dd', {}, v))));
    // The call and the other legs of its trace (or, stored without one, of its request ID), oldest first.
    const legs = [c, ...detail.related].sort((a, b) => a.at.localeCompare(b.at));
    const bySpan = new Map(legs.filter((l) => l.spanId).map((l) => [l.spanId, l]));
    const depth = new Map(legs.map((l) => [l.id, ancestors(l, bySpan)]));
    const by = { trace: 'by trace ID', requestId: 'by request ID' }[detail.linkedBy];
    $('call-detail-legs-count').textContent = `(${legs.length}${by ? `, ${by}` : ''})`;
    $('call-detail-legs').replaceChildren(
      legs.length > 1
        ? table(legColumns(c.id, depth), legs, 'Legs', {
            row: (tr, leg) => {
              if (leg.id === c.id) return;
              tr.classList.add('clickable');
              tr.addEventListener('click', () => void open(leg.id));
            },
          })
        : empty('No other legs recorded.'),
    );
    $('call-detail-operations').replaceChildren(
      detail.operations.length ? table(operationColumns({ short: true }), detail.operations, 'Changes') : empty('This request changed nothing.'),
    );
    $('call-detail-truncated').hidden = !detail.truncated;
    $('call-detail-title').textContent = `${c.pattern ?? 'Call'}`;
  }

  function close(refocus = true) {
    const id = detail?.call.id;
    detail = null;
    $('call-detail').hidden = true;
    split.classList.remove('with-detail');
    highlight(null);
    if (refocus && id) results.querySelector(`tr[data-id="${CSS.escape(id)}"] button.link`)?.focus();
  }

  /** Up and down in the table move the selection (and the panel) to the next call. */
  results.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && detail) return close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const row = e.target.closest?.('tbody tr');
    if (!row) return;
    const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    if (!next) return;
    e.preventDefault();
    next.querySelector('button.link')?.focus();
    if (detail) void open(next.dataset.id, { focus: false });
  });
  // A click anywhere on a row opens it; the time's button (keyboard, Enter) also moves focus to the panel.
  results.addEventListener('click', (e) => {
    const row = e.target.closest?.('tbody tr[data-id]');
    if (row) void open(row.dataset.id, { focus: !!e.target.closest('button.link') });
  });

  $('call-detail-close').addEventListener('click', () => close());
  $('call-detail').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  for (const b of form.querySelectorAll('[data-preset]'))
    b.addEventListener('click', () => {
      setPreset(b.dataset.preset);
      void search();
    });
  // Typing a date leaves the presets: the range is the operator's own.
  for (const name of ['from', 'to']) form.elements[name].addEventListener('input', () => setPreset(null));
  form.elements.internal.addEventListener('change', () => void search());
  form.elements.refresh.addEventListener('change', () => {
    clearInterval(timer);
    const seconds = Number(form.elements.refresh.value);
    // Refreshes the first page only while it is shown, so paging back through older calls is never disturbed.
    if (seconds > 0)
      timer = setInterval(() => {
        if (!$('view-calls').hidden && pager.page === 1 && document.visibilityState === 'visible') void search({ quiet: true });
      }, seconds * 1000);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search();
  });
  form.addEventListener('reset', () =>
    setTimeout(() => {
      setPreset('24h');
      sort = { by: 'at', order: 'desc' };
      form.elements.refresh.dispatchEvent(new Event('change'));
      void search();
    }, 0),
  );
  onZoneChange(() => {
    render();
    renderHistogramNow();
    renderDetail();
    if (detail) highlight(detail.call.id);
  });

  return {
    refresh: () => search(),
    reset: () => {
      clearInterval(timer);
      form.elements.refresh.value = '0';
      items = [];
      histogram = null;
      detail = null;
      results.replaceChildren();
      histogramBox.replaceChildren();
      $('call-detail').hidden = true;
      split.classList.remove('with-detail');
    },
  };
}
