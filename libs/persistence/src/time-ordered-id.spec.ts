import { isUUID } from 'class-validator';
import { TimeOrderedIdGenerator, timeOrderedId } from './time-ordered-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('TimeOrderedIdGenerator (UUID v7)', () => {
  it('makes RFC 9562 version 7 ids that validators accept as UUIDs', () => {
    const id = timeOrderedId();
    expect(id).toMatch(V7);
    expect(isUUID(id, 'all')).toBe(true);
    expect(isUUID(id, '7')).toBe(true);
  });

  it('carries the Unix time in milliseconds in its first 48 bits', () => {
    const ids = new TimeOrderedIdGenerator(() => Date.UTC(2026, 10, 30, 21, 0, 0, 123));
    expect(msOf(ids.next())).toBe(Date.UTC(2026, 10, 30, 21, 0, 0, 123));
  });

  it('sorts as text in the order the ids were made, also many within one millisecond and across the counter’s end', () => {
    const ids = new TimeOrderedIdGenerator(() => 1_764_536_400_000); // a clock that stands still
    const made = Array.from({ length: 10_000 }, () => ids.next()); // more than the 4,096 a counter holds
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    expect(made.every((id) => V7.test(id))).toBe(true);
    expect(msOf(made.at(-1)!)).toBeGreaterThan(1_764_536_400_000); // borrowed the next milliseconds
  });

  it('keeps the order when the clock goes back', () => {
    let now = 1_764_536_400_500;
    const ids = new TimeOrderedIdGenerator(() => now);
    const first = ids.next();
    now -= 400;
    const second = ids.next();
    expect(second > first).toBe(true);
  });

  it('keeps 62 random bits: two generators on the same clock do not collide', () => {
    const a = new TimeOrderedIdGenerator(() => 1_764_536_400_000);
    const b = new TimeOrderedIdGenerator(() => 1_764_536_400_000);
    const seen = new Set(Array.from({ length: 1000 }, () => [a.next(), b.next()]).flat());
    expect(seen.size).toBe(2000);
  });
});
