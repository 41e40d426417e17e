import { download } from './api.js';
import { $, clearMessage, el, formValues } from './dom.js';

/** Starts an export of a time range (GET /audit/export) and saves the file the browser receives. */
export function setupExport(onError) {
  const form = $('export-form');
  const status = $('export-status');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const ext = `${v.format === 'csv' ? 'csv' : 'ndjson'}${v.gzip ? '.gz' : ''}`;
    const name = `audit-${v.log}-${(v.from ?? '').slice(0, 10)}-${(v.to ?? '').slice(0, 10)}.${ext}`;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    clearMessage();
    status.textContent = 'Exporting…';
    try {
      const file = await download('/audit/export', { log: v.log, from: v.from, to: v.to, format: v.format, gzip: v.gzip ? '1' : undefined }, name);
      const url = URL.createObjectURL(file.blob);
      const link = el('a', { href: url, download: file.name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `Saved ${file.name} (${file.blob.size} bytes).`;
    } catch (error) {
      status.textContent = 'Export failed.';
      onError(error);
    } finally {
      button.disabled = false;
    }
  });
}
