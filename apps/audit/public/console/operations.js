import { getJson } from './api.js';
import { operationColumns } from './calls.js';
import { $, empty, formValues, table } from './dom.js';
import { Pager } from './pager.js';
import { onZoneChange } from './time.js';

/**
 * The operation log: filters of GET /audit/operations and keyset pages. The operator's own queries
 * and views (which the audit app records) are left out unless asked for (`ownReads=false`).
 */
export function setupOperations(onError) {
  const form = $('operations-filter');
  const results = $('operations-results');
  let filters = {};
  let items = [];
  const render = () =>
    results.replaceChildren(items.length ? table(operationColumns(), items, 'Operations') : empty('No operations match these filters.'));
  const pager = new Pager(
    $('operations-pager'),
    async (cursor) => {
      const page = await getJson('/audit/operations', { ...filters, cursor });
      items = page.items;
      render();
      results.scrollTop = 0;
      return page.nextCursor;
    },
    'operation log',
  );
  pager.onError = onError;
  const read = () => {
    const v = formValues(form);
    if (v.ownReads) delete v.ownReads;
    else v.ownReads = 'false';
    return v;
  };
  const search = () => {
    filters = read();
    return pager.go(() => pager.first());
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void search();
  });
  form.elements.ownReads.addEventListener('change', () => void search());
  form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
  onZoneChange(render);
  return {
    refresh: search,
    reset: () => {
      items = [];
      results.replaceChildren();
    },
  };
}
