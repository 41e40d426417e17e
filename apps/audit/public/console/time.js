// One time zone for everything the console shows and reads: UTC (the logs' own) or the browser's.
// The choice lives in sessionStorage with the session, never in localStorage.
const ZONE_KEY = 'crm.console.zone';
let zone = sessionStorage.getItem(ZONE_KEY) === 'local' ? 'local' : 'utc';
const listeners = [];

const pad = (n, w = 2) => String(n).padStart(w, '0');

export function currentZone() {
  return zone;
}

export function onZoneChange(listener) {
  listeners.push(listener);
}

export function setZone(next) {
  if (next === zone) return;
  const previous = zone;
  zone = next;
  sessionStorage.setItem(ZONE_KEY, next);
  for (const l of listeners) l(next, previous);
}

/** The zone's name as shown next to times: `UTC`, or `local, UTC+08:00`. */
export function zoneLabel(z = zone, at = new Date()) {
  if (z === 'utc') return 'UTC';
  const offset = -at.getTimezoneOffset();
  return `local, UTC${offset < 0 ? '−' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** The calendar fields of an instant in a zone. */
function parts(d, z) {
  return z === 'utc'
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
}

/** `2026-01-31 23:59:58.123` in the chosen zone (the zone is named in the column header). */
export function formatTime(iso, { ms = true } = {}) {
  if (!iso) return '';
  const [y, mo, d, h, mi, s, msec] = parts(new Date(iso), zone);
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}${ms ? `.${pad(msec, 3)}` : ''}`;
}

/** `HH:MM` or `MM-DD HH:MM` for chart labels. */
export function formatShort(date, withDay) {
  const [, mo, d, h, mi] = parts(date, zone);
  return `${withDay ? `${pad(mo)}-${pad(d)} ` : ''}${pad(h)}:${pad(mi)}`;
}

/** An instant as a datetime-local input value in a zone (seconds precision). */
export function toInputValue(date, z = zone) {
  const [y, mo, d, h, mi, s] = parts(date, z);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** A datetime-local input value read in a zone; null when empty or not a date. */
export function fromInputValue(value, z = zone) {
  if (!value) return null;
  const full = value.length === 16 ? `${value}:00` : value;
  const ms = z === 'utc' ? Date.parse(`${full}Z`) : new Date(full).getTime();
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Keeps the instants of the datetime-local inputs when the zone changes (their text follows the zone). */
onZoneChange((next, previous) => {
  for (const input of document.querySelectorAll('input[type="datetime-local"]')) {
    const instant = fromInputValue(input.value, previous);
    if (instant) input.value = toInputValue(instant, next);
  }
});
