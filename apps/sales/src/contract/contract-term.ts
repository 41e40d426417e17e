/**
 * Calendar arithmetic of contract terms on `YYYY-MM-DD` dates (no time, no zone): exact, so a term
 * never shifts by a day with the server's clock or daylight saving.
 */
const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * The last day (inclusive) of a term of `months` starting on `start`: the day before the same day
 * of the month `months` later (2026-03-15 + 12 → 2027-03-14). When that month has no such day the
 * term runs through its last day (2026-01-31 + 1 → 2026-02-28, 2026-01-29 + 1 → 2026-02-28;
 * 2028-01-29 + 1 → 2028-02-28 since 2028-02-29 exists), so the next term starts on the 1st.
 */
export function termEnd(start: string, months: number): string {
  const [y, m, d] = parts(start);
  const index = m - 1 + months;
  const ty = y + Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = daysInMonth(ty, tm);
  if (d > last) return format(ty, tm, last);
  return addDays(format(ty, tm, d), -1);
}

/** The day `sales.contract.renewal-due.v1` is due: `noticeDays` before the term's last day. */
export function noticeDate(endDate: string, noticeDays: number): string {
  return addDays(endDate, -noticeDays);
}

/**
 * Contracts ending on or before this day are due for their renewal notice on `today`
 * (noticeDate(end) ≤ today ⇔ end ≤ today + noticeDays): the bound the claim query uses.
 */
export function noticeCutoff(today: string, noticeDays: number): string {
  return addDays(today, noticeDays);
}

/** Today's date in UTC, the calendar the contract schedule runs on. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
