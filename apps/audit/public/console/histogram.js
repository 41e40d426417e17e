import { el } from './dom.js';
import { formatShort, formatTime } from './time.js';

/**
 * Calls and failed calls per bucket (GET /audit/calls/histogram) as a row of bar buttons: a bar's
 * height is its calls, its red part the failed ones; activating a bar zooms the range to it. One
 * bar is in the tab order at a time, arrow keys move between them.
 */
export function renderHistogram(container, histogram, onZoom) {
  const step = histogram.bucketSeconds * 1000;
  const max = Math.max(1, ...histogram.buckets.map((b) => b.calls));
  const first = histogram.buckets[0];
  const last = histogram.buckets.at(-1);
  const withDay = first && last && new Date(last.at).getTime() + step - new Date(first.at).getTime() > 86_400_000;
  const bars = histogram.buckets.map((b, i) => {
    const start = new Date(b.at);
    const end = new Date(start.getTime() + step);
    const label = `${formatTime(b.at, { ms: false })} to ${formatTime(end.toISOString(), { ms: false })}: ${b.calls} calls, ${b.errors} failed`;
    const failed = el('span', { class: `err${b.errors ? ' some' : ''}` });
    const ok = el('span', { class: `ok${b.calls - b.errors ? ' some' : ''}` });
    // CSSOM, not a style attribute: allowed by the console's CSP (style-src 'self').
    failed.style.height = `${(b.errors / max) * 100}%`;
    ok.style.height = `${((b.calls - b.errors) / max) * 100}%`;
    return el(
      'button',
      { type: 'button', class: 'bar', tabindex: i === 0 ? 0 : -1, title: label, 'aria-label': `${label}. Zoom in.`, onclick: () => onZoom(start, end) },
      failed,
      ok,
    );
  });
  const axis = first
    ? el(
        'div',
        { class: 'axis', 'aria-hidden': 'true' },
        el('span', {}, formatShort(new Date(first.at), withDay)),
        el('span', {}, formatShort(new Date(histogram.buckets[Math.floor(histogram.buckets.length / 2)].at), withDay)),
        el('span', {}, formatShort(new Date(new Date(last.at).getTime() + step), withDay)),
      )
    : null;
  container.replaceChildren(el('span', { class: 'ymax', 'aria-hidden': 'true' }, String(max)), el('div', { class: 'bars' }, bars), axis);
}

/** Arrow keys, Home and End move between the bars (WAI-ARIA roving tabindex). */
export function histogramKeys(container) {
  container.addEventListener('keydown', (e) => {
    const bars = [...container.querySelectorAll('.bar')];
    const at = bars.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: bars.length - 1 }[e.key];
    if (next === undefined || next < 0 || next >= bars.length) return;
    e.preventDefault();
    bars[at].tabIndex = -1;
    bars[next].tabIndex = 0;
    bars[next].focus();
  });
}
