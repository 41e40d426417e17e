import { SLA_WEEKDAYS, type CalendarView } from '@crm/contracts';
import { BusinessCalendar, type CalendarRules } from './business-time.js';
import type { CalendarRow } from './calendar.repository.js';

export function toCalendarView(c: CalendarRow): CalendarView {
  return {
    calendarId: c.id,
    name: c.name,
    timeZone: c.timeZone,
    hours: Object.fromEntries(SLA_WEEKDAYS.map((d) => [d, c.hours[d] ?? []])) as CalendarView['hours'],
    holidays: c.holidays.map((h) => ({ date: h.date, name: h.name, hours: h.hours })),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function calendarRules(c: Pick<CalendarRow, 'timeZone' | 'hours' | 'holidays'>): CalendarRules {
  return {
    timeZone: c.timeZone,
    hours: c.hours,
    exceptions: Object.fromEntries(c.holidays.map((h) => [h.date, h.hours ?? []])),
  };
}

/** Business calendars by id and version: the arithmetic object is built once per calendar version. */
export class CalendarCache {
  private readonly built = new Map<string, { version: number; calendar: BusinessCalendar }>();

  of(c: CalendarRow): BusinessCalendar {
    const hit = this.built.get(c.id);
    if (hit && hit.version === c.version) return hit.calendar;
    const calendar = new BusinessCalendar(calendarRules(c));
    this.built.set(c.id, { version: c.version, calendar });
    return calendar;
  }
}
