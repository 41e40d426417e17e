import { describe, expect, it } from '@jest/globals';
import { BusinessCalendar, zoneOffset, type WorkInterval } from './business-time.js';

const NINE_TO_SIX: WorkInterval[] = [{ from: '09:00', to: '18:00' }];
/** Mon–Fri 09:00–18:00 Asia/Shanghai (UTC+8, no DST): the seeded `business-hours` calendar. */
const office = (exceptions: Record<string, WorkInterval[]> = {}) =>
  new BusinessCalendar({
    timeZone: 'Asia/Shanghai',
    hours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX },
    exceptions,
  });
const ALL_DAY: WorkInterval[] = [{ from: '00:00', to: '24:00' }];
const roundTheClock = new BusinessCalendar({
  timeZone: 'Asia/Shanghai',
  hours: { sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY },
});
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('BusinessCalendar.add', () => {
  it('crosses a weekend: Friday 17:00 + 4 h = Monday 12:00 (Shanghai)', () => {
    // 2026-01-09 is a Friday; 17:00+08 = 09:00Z. 1 h on Friday, 3 h on Monday from 09:00.
    expect(
      office()
        .add(at('2026-01-09T09:00:00Z'), 4 * H)
        .toISOString(),
    ).toBe('2026-01-12T04:00:00.000Z');
  });

  it('skips a holiday: Wednesday 16:00 + 4 h with Thursday off = Friday 11:00', () => {
    const cal = office({ '2026-01-01': [] });
    expect(cal.add(at('2025-12-31T08:00:00Z'), 4 * H).toISOString()).toBe('2026-01-02T03:00:00.000Z');
  });

  it('counts only the open hours of a half day', () => {
    // Friday 2026-01-02 open 09:00–12:00 only: Thursday 17:00 + 5 h = 1 h Thu + 3 h Fri + 1 h Mon → Mon 10:00.
    const cal = office({ '2026-01-02': [{ from: '09:00', to: '12:00' }] });
    expect(cal.add(at('2026-01-01T09:00:00Z'), 5 * H).toISOString()).toBe('2026-01-05T02:00:00.000Z');
  });

  it('opens on a make-up Saturday given as a dated exception', () => {
    const cal = office({ '2026-01-10': NINE_TO_SIX });
    expect(cal.add(at('2026-01-09T09:00:00Z'), 4 * H).toISOString()).toBe('2026-01-10T04:00:00.000Z');
  });

  it('crosses a day boundary: Tuesday 17:30 + 1 h = Wednesday 09:30', () => {
    expect(office().add(at('2026-01-06T09:30:00Z'), H).toISOString()).toBe('2026-01-07T01:30:00.000Z');
  });

  it('ends at closing time, not at the next opening: Monday 09:00 + 9 h = Monday 18:00', () => {
    expect(
      office()
        .add(at('2026-01-05T01:00:00Z'), 9 * H)
        .toISOString(),
    ).toBe('2026-01-05T10:00:00.000Z');
  });

  it('starts the clock at the next opening when opened outside hours: Saturday + 1 h = Monday 10:00', () => {
    expect(office().add(at('2026-01-10T02:00:00Z'), H).toISOString()).toBe('2026-01-12T02:00:00.000Z');
  });

  it('jumps a lunch break between two intervals of one day', () => {
    const lunch = new BusinessCalendar({
      timeZone: 'Asia/Shanghai',
      hours: {
        mon: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
      },
    });
    // Monday 11:30 + 1 h = 12:00 then 13:00 + 30 min = 13:30.
    expect(lunch.add(at('2026-01-05T03:30:00Z'), H).toISOString()).toBe('2026-01-05T05:30:00.000Z');
  });

  it('adds seconds on 24x7', () => {
    expect(roundTheClock.add(at('2026-01-01T00:00:00.500Z'), 3000).toISOString()).toBe('2026-01-01T00:00:03.500Z');
  });

  it('follows DST: New York 16:00 Friday before the spring change + 2 h = 10:00 EDT Monday', () => {
    const ny = new BusinessCalendar({
      timeZone: 'America/New_York',
      hours: { mon: [{ from: '09:00', to: '17:00' }], fri: [{ from: '09:00', to: '17:00' }] },
    });
    // 2026-03-06 16:00 EST = 21:00Z; DST starts Sunday 2026-03-08; Monday 10:00 EDT = 14:00Z.
    expect(ny.add(at('2026-03-06T21:00:00Z'), 2 * H).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });
});

describe('BusinessCalendar.elapsed', () => {
  it('counts Friday 17:00 → Monday 10:00 as 2 business hours', () => {
    expect(office().elapsed(at('2026-01-09T09:00:00Z'), at('2026-01-12T02:00:00Z'))).toBe(2 * H);
  });

  it('is 0 across a closed weekend and for a reversed range', () => {
    expect(office().elapsed(at('2026-01-10T01:00:00Z'), at('2026-01-11T12:00:00Z'))).toBe(0);
    expect(office().elapsed(at('2026-01-12T02:00:00Z'), at('2026-01-09T09:00:00Z'))).toBe(0);
  });

  it('is the inverse of add', () => {
    const cal = office({ '2026-01-01': [] });
    const start = at('2025-12-30T07:13:00Z');
    for (const ms of [1000, H, 9 * H, 30 * H]) expect(cal.elapsed(start, cal.add(start, ms))).toBe(ms);
  });

  it('counts the 23 hours of a DST spring-forward Sunday', () => {
    const sundays = new BusinessCalendar({ timeZone: 'America/New_York', hours: { sun: ALL_DAY } });
    expect(sundays.elapsed(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * H);
    expect(sundays.add(at('2026-03-08T05:00:00Z'), 23 * H).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('counts wall-clock ms on 24x7', () => {
    expect(roundTheClock.elapsed(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:02.250Z'))).toBe(2250);
  });
});

describe('zoneOffset', () => {
  it('answers per zone and per instant, the same when asked again (kept per second)', () => {
    // 2026-03-29 01:00 UTC: Europe/Berlin moves from +1 h to +2 h; Shanghai stays at +8 h.
    const before = Date.UTC(2026, 2, 29, 0, 59, 59, 500);
    const after = Date.UTC(2026, 2, 29, 1, 0, 0, 0);
    for (let round = 0; round < 2; round++) {
      expect(zoneOffset('Europe/Berlin', before)).toBe(3_600_000);
      expect(zoneOffset('Europe/Berlin', after)).toBe(7_200_000);
      expect(zoneOffset('Asia/Shanghai', before)).toBe(28_800_000);
      expect(zoneOffset('Asia/Shanghai', after)).toBe(28_800_000);
    }
  });
});
