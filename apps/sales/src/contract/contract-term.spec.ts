import { describe, expect, it } from '@jest/globals';
import { addDays, daysBetween, noticeCutoff, noticeDate, termEnd } from './contract-term.js';

describe('contract terms', () => {
  it('a term of N months ends the day before the same day N months later', () => {
    expect(termEnd('2026-03-15', 12)).toBe('2027-03-14');
    expect(termEnd('2026-01-01', 1)).toBe('2026-01-31');
    expect(termEnd('2026-03-01', 12)).toBe('2027-02-28');
    expect(termEnd('2027-03-01', 12)).toBe('2028-02-29'); // 2028 is a leap year
    expect(termEnd('2026-11-28', 3)).toBe('2027-02-27'); // 2027-02-28 exists, so the day before it
  });

  it('at a month end without that day, the term runs through the last day of the month', () => {
    expect(termEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(termEnd('2026-01-30', 1)).toBe('2026-02-28');
    expect(termEnd('2026-01-29', 1)).toBe('2026-02-28');
    expect(termEnd('2026-01-28', 1)).toBe('2026-02-27');
    expect(termEnd('2028-01-29', 1)).toBe('2028-02-28'); // 2028-02-29 exists
    expect(termEnd('2028-01-31', 1)).toBe('2028-02-29');
    expect(termEnd('2026-08-31', 1)).toBe('2026-09-30');
    expect(termEnd('2026-11-30', 3)).toBe('2027-02-28'); // no 2027-02-30
    // ... so the next term starts on the 1st and ends on a month end.
    expect(addDays(termEnd('2026-01-31', 1), 1)).toBe('2026-03-01');
    expect(termEnd('2026-03-01', 1)).toBe('2026-03-31');
  });

  it('the renewal notice is due N calendar days before the last day, across month and year ends', () => {
    // 2027-02-28 − 60 days: 28 days back to 2027-01-31, 31 more to 2026-12-31, 1 more to 2026-12-30.
    expect(noticeDate('2027-02-28', 60)).toBe('2026-12-30');
    expect(noticeDate('2026-03-31', 30)).toBe('2026-03-01');
    expect(noticeDate('2028-03-01', 1)).toBe('2028-02-29');
    expect(noticeDate('2026-03-01', 1)).toBe('2026-02-28');
    // The claim bound: due on 2026-12-30 ⇔ the end is on or before 2026-12-30 + 60 = 2027-02-28.
    expect(noticeCutoff('2026-12-30', 60)).toBe('2027-02-28');
    expect(noticeCutoff('2026-12-29', 60)).toBe('2027-02-27');
  });

  it('counts days between dates exactly', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(365);
  });
});
