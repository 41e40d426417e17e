import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  SERVICE_CALENDAR_CHANGED_V1,
  type CalendarPage,
  type CalendarView,
  type CreateCalendarDto,
  type ListCalendarsDto,
  type UpdateCalendarDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { checkCalendar, normaliseHolidays, normaliseHours } from './calendar-rules.js';
import { toCalendarView } from './calendar.mapper.js';
import { CALENDAR_LIST, CalendarRepository, type CalendarRow, type HolidayRow } from './calendar.repository.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Business calendars: working hours per weekday, dated exceptions (holidays, half days, make-up
 * days) and a time zone. Every change records its operation-log entry and
 * `service.calendar.changed.v1` in its own transaction.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateCalendarDto, ctx: CallContext): Promise<CalendarView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name.trim();
    const hours = normaliseHours(dto.hours);
    const holidays = checked(hours, normaliseHolidays(dto.holidays ?? []));
    try {
      return await this.dataSource.transaction(async (m) => {
        const after = await this.calendars.insert(m, {
          id: randomUUID(),
          name,
          timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
          hours,
          holidays,
          createdBy: employeeId,
        });
        await this.record(m, ctx, 'create', null, after);
        return toCalendarView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw nameTaken(name);
      throw err;
    }
  }

  async update(dto: UpdateCalendarDto, ctx: CallContext): Promise<CalendarView> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name?.trim();
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.calendars.find(dto.calendarId, m, true);
        if (!before) throw notFound(dto.calendarId);
        if (before.version !== dto.version) throw stale('calendar', dto.calendarId, before.version);
        const hours = dto.hours ? normaliseHours(dto.hours) : before.hours;
        const holidays = checked(hours, dto.holidays ? normaliseHolidays(dto.holidays) : before.holidays);
        const next = { name: name ?? before.name, timeZone: dto.timeZone ?? before.timeZone, hours, holidays };
        if (JSON.stringify(fields({ ...before, ...next })) === JSON.stringify(fields(before))) return toCalendarView(before);
        const after = await this.calendars.update(m, before.id, { ...next, version: before.version + 1, updatedBy: employeeId });
        await this.record(m, ctx, 'update', before, after);
        return toCalendarView(after);
      });
    } catch (err) {
      if (isDuplicateKey(err) && name !== undefined) throw nameTaken(name);
      throw err;
    }
  }

  async get(calendarId: string): Promise<CalendarView> {
    const c = await this.calendars.find(calendarId);
    if (!c) throw notFound(calendarId);
    return toCalendarView(c);
  }

  async list(q: ListCalendarsDto): Promise<CalendarPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CALENDAR_LIST, q.cursor);
    return toPage(CALENDAR_LIST, this.cursors, await this.calendars.list(limit, position), limit, toCalendarView);
  }

  private async record(m: EntityManager, ctx: CallContext, action: string, before: CalendarRow | null, after: CalendarRow): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'business-calendar',
      entityId: after.id,
      action,
      before: before && fields(before),
      after: fields(after),
      event: { pattern: SERVICE_CALENDAR_CHANGED_V1, data: toCalendarView(after) },
    });
  }
}

function checked(hours: CalendarRow['hours'], holidays: HolidayRow[]): HolidayRow[] {
  checkCalendar(hours, holidays);
  return [...holidays].sort((a, b) => a.date.localeCompare(b.date));
}

function fields(c: Pick<CalendarRow, 'name' | 'timeZone' | 'hours' | 'holidays'>): Record<string, unknown> {
  return { name: c.name, timeZone: c.timeZone, hours: c.hours, holidays: c.holidays };
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `calendar ${id} not found`);
}

function nameTaken(name: string): CrmError {
  return new CrmError(ErrorCode.Conflict, `a calendar named ${name} exists`);
}

export function stale(entity: string, id: string, current: number): CrmError {
  return new CrmError(ErrorCode.Conflict, `stale version: ${entity} ${id} is at version ${current}`);
}
