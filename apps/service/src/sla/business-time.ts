/**
 * Business-time arithmetic on a calendar: working intervals per weekday in local wall time, dated
 * exceptions (holidays, half days, make-up working days) and an IANA time zone. Pure: no Nest, no
 * database. Local wall times are turned into instants with `Intl` (the runtime's tz database), day
 * by day, so a day that is 23 or 25 hours long around a DST change counts what the clock on the
 * wall shows.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `from`/`to` as `HH:MM` local time, `to` may be `24:00`; `from` < `to`. */
export interface WorkInterval {
  from: string;
  to: string;
}

export interface CalendarRules {
  timeZone: string;
  /** Working intervals per weekday (a missing or empty day is closed). */
  hours: Partial<Record<Weekday, WorkInterval[]>>;
  /** Per date (`YYYY-MM-DD`, local): the working intervals that day instead of the weekday's; `[]` closed. */
  exceptions?: Record<string, WorkInterval[]>;
}

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** A calendar with no working time ahead would loop for ever; no target looks further than this. */
const MAX_DAYS = 3660;

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offsets already computed, per zone and whole second. */
const offsets = new Map<string, Map<number, number>>();
/** Per zone; the memo starts over beyond this (clocks of one day ask about the same few instants). */
const MAX_MEMO = 10_000;

/**
 * The zone's offset from UTC (ms) at an instant. `Intl`'s formatToParts is the costly part of the
 * SLA arithmetic (a V8 profile of a dispatch burst, docs/benchmarks.md), and the instants asked for
 * repeat (day boundaries and interval edges of the same days), so results are kept per second.
 */
export function zoneOffset(timeZone: string, at: number): number {
  const second = at - (at % 1000);
  let memo = offsets.get(timeZone);
  if (!memo) offsets.set(timeZone, (memo = new Map()));
  const known = memo.get(second);
  if (known !== undefined) return known;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - second;
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(second, offset);
  return offset;
}

/** The instant a local wall time names; in a DST gap, the instant one offset later; in an overlap, the first. */
function localToInstant(timeZone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * MINUTE;
  const first = wall - zoneOffset(timeZone, wall);
  const second = wall - zoneOffset(timeZone, first);
  if (first === second) return first;
  // The offsets disagree around a transition: take the earlier reading that maps back to the wall time.
  const candidates = [first, second].filter((t) => t + zoneOffset(timeZone, t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? Math.max(first, second);
}

function localDateOf(timeZone: string, at: number): LocalDate {
  const local = new Date(at + zoneOffset(timeZone, at));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

function nextDay(date: LocalDate): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isoDate(date: LocalDate): string {
  return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** `HH:MM` → minutes after midnight (`24:00` → 1440). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** A calendar that answers business-time questions; build once per calendar and reuse. */
export class BusinessCalendar {
  /** Round the clock every day with no exceptions: plain arithmetic. */
  private readonly always: boolean;

  constructor(private readonly rules: CalendarRules) {
    this.always =
      !Object.keys(rules.exceptions ?? {}).length &&
      WEEKDAYS.every((d) => {
        const iv = rules.hours[d] ?? [];
        return iv.length === 1 && iv[0]!.from === '00:00' && iv[0]!.to === '24:00';
      });
  }

  /** Working intervals of one local day as instants `[start, end)`, in order. */
  private intervalsOn(date: LocalDate): Array<[number, number]> {
    const key = isoDate(date);
    const exception = this.rules.exceptions?.[key];
    const weekday = WEEKDAYS[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()]!;
    const intervals = exception ?? this.rules.hours[weekday] ?? [];
    const out: Array<[number, number]> = [];
    for (const iv of intervals) {
      const start = localToInstant(this.rules.timeZone, date, minutesOf(iv.from));
      const end =
        iv.to === '24:00'
          ? localToInstant(this.rules.timeZone, nextDay(date), 0)
          : localToInstant(this.rules.timeZone, date, minutesOf(iv.to));
      if (end > start) out.push([start, end]);
    }
    return out;
  }

  /** Days from the one holding `from`: each day's local midnight and its working intervals clipped to start at `from`. */
  private *daysFrom(from: number): Generator<{ midnight: number; intervals: Array<[number, number]> }> {
    let date = localDateOf(this.rules.timeZone, from);
    for (let i = 0; i < MAX_DAYS; i++) {
      yield {
        midnight: localToInstant(this.rules.timeZone, date, 0),
        intervals: this.intervalsOn(date)
          .filter(([, end]) => end > from)
          .map(([start, end]): [number, number] => [Math.max(start, from), end]),
      };
      date = nextDay(date);
    }
  }

  /**
   * The instant at which `ms` of business time has passed since `start`. Ends exactly at a closing
   * time rather than at the next opening (a 9-hour target from 09:00 is due at 18:00 the same day).
   */
  add(start: Date, ms: number): Date {
    if (ms <= 0) return new Date(start);
    if (this.always) return new Date(start.getTime() + ms);
    let left = ms;
    for (const day of this.daysFrom(start.getTime()))
      for (const [from, to] of day.intervals) {
        if (to - from >= left) return new Date(from + left);
        left -= to - from;
      }
    throw new Error(`calendar has no working time within ${MAX_DAYS} days of ${start.toISOString()}`);
  }

  /** Business time (ms) between two instants; 0 when `to` is not after `from`. */
  elapsed(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    if (this.always) return b - a;
    let total = 0;
    for (const day of this.daysFrom(a)) {
      if (day.midnight >= b) return total;
      for (const [start, end] of day.intervals) {
        if (start >= b) return total;
        total += Math.min(end, b) - start;
      }
    }
    return total;
  }
}
