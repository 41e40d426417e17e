import { randomUUID } from 'node:crypto';

/** Largest value of the 12-bit counter that follows the timestamp (RFC 9562 §6.2, method 1). */
const COUNTER_MAX = 0xfff;

/**
 * Makes UUID version 7 ids (RFC 9562): a 48-bit Unix time in milliseconds, then a 12-bit counter,
 * then 62 random bits. Their text sorts in the order they were made (within a process; across
 * processes, to the millisecond), so rows keyed by them are appended at the end of an InnoDB
 * clustered index instead of landing on a random page of it, as version 4 ids do: with a table
 * larger than the buffer pool, a random key costs a page read per INSERT (and the page splits that
 * leave the index half full). Still 122 bits of which 62 random per millisecond and process: not
 * guessable in practice, and valid wherever a UUID is (`IsUUID('all')`, CHAR(36)).
 */
export class TimeOrderedIdGenerator {
  private lastMs = -1;
  private counter = 0;

  /** `now` is injectable for tests (a clock that stands still or goes back). */
  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    let ms = this.now();
    if (ms > this.lastMs) {
      // A fresh millisecond: the counter restarts at a random value in its lower half, leaving room to count up.
      this.counter = Math.floor(Math.random() * ((COUNTER_MAX + 1) / 2));
    } else {
      // Same millisecond, or the clock went back: count on from the last id so the order holds; past
      // the counter's end, borrow the next millisecond (ids stay unique and ordered, a little ahead of time).
      ms = this.lastMs;
      if (++this.counter > COUNTER_MAX) {
        ms++;
        this.counter = 0;
      }
    }
    this.lastMs = ms;
    const time = ms.toString(16).padStart(12, '0');
    // The random tail of a v4 id from Node's pooled entropy already carries the RFC variant bits (`yxxx-xxxxxxxxxxxx`).
    const tail = randomUUID().slice(19);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${this.counter.toString(16).padStart(3, '0')}-${tail}`;
  }
}

const shared = new TimeOrderedIdGenerator();

/** A UUID v7 from the process's generator (monotonic within the process). */
export const timeOrderedId = (): string => shared.next();
