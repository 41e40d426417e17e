import { getJson } from './api.js';
import { operationColumns } from './calls.js';
import { $, empty, formValues, table } from './dom.js';
import { Pager } from './pager.js';

/** The operation log: filters of GET /audit/operations and keyset pages. */
export function setupOperations(onError) {
  const form = $('operations-filter');
  const results = $('operations-results');
  let filters = {};
  const pager = new Pager(
    $('operations-pager'),
    async (cursor) => {
      const page = await getJson('/audit/operations', { ...filters, cursor });
      results.replaceChildren(page.items.length ? table(operationColumns(), page.items, 'Operations') : empty('No operations match these filters.'));
      results.scrollTop = 0;
      return page.nextCursor;
    },
    'operation log',
  );
  pager.onError = onError;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filters = formValues(form);
    void pager.go(() => pager.first());
  });
  form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
  return { refresh: () => pager.go(() => pager.first()), reset: () => results.replaceChildren() };
}
