import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SlaWeekday, SlaWorkInterval } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';

export interface HolidayRow {
  date: string;
  name: string | null;
  /** Open hours that day (half day, make-up working day); null: closed all day. */
  hours: SlaWorkInterval[] | null;
}

/** A business calendar as stored (`business_calendar`). */
export interface CalendarRow {
  id: string;
  name: string;
  timeZone: string;
  hours: Record<SlaWeekday, SlaWorkInterval[]>;
  holidays: HolidayRow[];
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface RawCalendar {
  id: string;
  name: string;
  time_zone: string;
  hours: string | object;
  holidays: string | object;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

export const CALENDAR_LIST: KeysetList<Pick<CalendarRow, 'createdAt' | 'id'>> = {
  name: 'service.calendars',
  keys: [
    { column: 'c.created_at', kind: 'time' },
    { column: 'c.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (c) => [c.createdAt, c.id],
};

const COLUMNS = 'c.id, c.name, c.time_zone, c.hours, c.holidays, c.version, c.created_by, c.updated_by, c.created_at, c.updated_at';

export function json<T>(v: string | object): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function toRow(r: RawCalendar): CalendarRow {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    hours: json(r.hours),
    holidays: json(r.holidays),
    version: Number(r.version),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** All SQL of business calendars (configuration: no data scope). */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    c: Pick<CalendarRow, 'id' | 'name' | 'timeZone' | 'hours' | 'holidays' | 'createdBy'>,
  ): Promise<CalendarRow> {
    await m.query(
      'INSERT INTO business_calendar (id, name, time_zone, hours, holidays, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [c.id, c.name, c.timeZone, JSON.stringify(c.hours), JSON.stringify(c.holidays), c.createdBy, c.createdBy],
    );
    return (await this.find(c.id, m))!;
  }

  /** Every calendar: the reference SLA clocks run on (kept per process by its stamp). */
  async all(m: EntityManager): Promise<CalendarRow[]> {
    const rows: RawCalendar[] = await m.query(`SELECT ${COLUMNS} FROM business_calendar c`);
    return rows.map(toRow);
  }

  /** The calendar, `lock` holding its row for an update in `m`'s transaction. */
  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<CalendarRow | null> {
    const rows: RawCalendar[] = await m.query(`SELECT ${COLUMNS} FROM business_calendar c WHERE c.id = ?${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async update(
    m: EntityManager,
    id: string,
    p: Pick<CalendarRow, 'name' | 'timeZone' | 'hours' | 'holidays' | 'version' | 'updatedBy'>,
  ): Promise<CalendarRow> {
    await m.query(
      'UPDATE business_calendar SET name = ?, time_zone = ?, hours = ?, holidays = ?, version = ?, updated_by = ? WHERE id = ?',
      [p.name, p.timeZone, JSON.stringify(p.hours), JSON.stringify(p.holidays), p.version, p.updatedBy, id],
    );
    return (await this.find(id, m))!;
  }

  async list(limit: number, position: KeyValue[] | undefined, m: EntityManager = this.dataSource.manager): Promise<CalendarRow[]> {
    const { sql, params } = new KeysetQuery(CALENDAR_LIST).after(position).page(COLUMNS, 'business_calendar c', limit);
    return ((await m.query(sql, params)) as RawCalendar[]).map(toRow);
  }
}
