import { CrmError, ErrorCode, SLA_WEEKDAYS, type FieldError, type SlaWeekday, type SlaWorkInterval } from '@crm/contracts';
import { minutesOf } from './business-time.js';
import type { HolidayRow } from './calendar.repository.js';

/**
 * What class-validator cannot see in a calendar: each day's intervals in order without overlap,
 * `from` before `to`, some working time in the week, one entry per holiday date. All problems are
 * reported at once (4220 with a detail per field).
 */
export function checkCalendar(hours: Partial<Record<SlaWeekday, SlaWorkInterval[]>>, holidays: HolidayRow[]): void {
  const errors: FieldError[] = [];
  for (const d of SLA_WEEKDAYS) intervalErrors(`hours.${d}`, hours[d] ?? [], errors);
  if (SLA_WEEKDAYS.every((d) => !(hours[d] ?? []).length))
    errors.push({ field: 'hours', reasons: ['at least one weekday needs working hours'] });
  const seen = new Set<string>();
  holidays.forEach((h, i) => {
    if (seen.has(h.date)) errors.push({ field: `holidays[${i}].date`, reasons: [`${h.date} is listed twice`] });
    seen.add(h.date);
    if (Number.isNaN(Date.parse(`${h.date}T00:00:00Z`)) || new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10) !== h.date)
      errors.push({ field: `holidays[${i}].date`, reasons: [`${h.date} is not a calendar date`] });
    if (h.hours) intervalErrors(`holidays[${i}].hours`, h.hours, errors);
  });
  if (errors.length) throw new CrmError(ErrorCode.ValidationFailed, 'invalid calendar', errors);
}

function intervalErrors(field: string, intervals: SlaWorkInterval[], errors: FieldError[]): void {
  let previousEnd = -1;
  intervals.forEach((iv, i) => {
    const from = minutesOf(iv.from);
    const to = minutesOf(iv.to);
    if (iv.from === '24:00') errors.push({ field: `${field}[${i}].from`, reasons: ['from must be before 24:00'] });
    else if (to <= from) errors.push({ field: `${field}[${i}]`, reasons: ['from must be before to'] });
    else if (from < previousEnd) errors.push({ field: `${field}[${i}]`, reasons: ['intervals must be in order and must not overlap'] });
    previousEnd = Math.max(previousEnd, to);
  });
}

/** Weekdays with their intervals sorted, closed days as `[]`. */
export function normaliseHours(hours: Partial<Record<SlaWeekday, SlaWorkInterval[]>>): Record<SlaWeekday, SlaWorkInterval[]> {
  return Object.fromEntries(SLA_WEEKDAYS.map((d) => [d, (hours[d] ?? []).map((iv) => ({ from: iv.from, to: iv.to }))])) as Record<
    SlaWeekday,
    SlaWorkInterval[]
  >;
}

/** Holidays as stored (in the order given; sort after checking, so details name the caller's indexes). */
export function normaliseHolidays(holidays: Array<{ date: string; name?: string | null; hours?: SlaWorkInterval[] | null }>): HolidayRow[] {
  return holidays.map((h) => ({
    date: h.date,
    name: h.name ?? null,
    hours: h.hours ? h.hours.map((iv) => ({ from: iv.from, to: iv.to })) : null,
  }));
}
