import { describe, expect, it } from '@jest/globals';
import { isOverdue, reviewDueAt } from './review-schedule.js';

describe('access review schedule', () => {
  const created = new Date('2026-01-01T00:00:00.000Z');
  const approved = new Date('2026-01-05T00:00:00.000Z');
  const reviewed = new Date('2026-03-01T12:00:00.000Z');

  it('counts from the last review when there is one', () => {
    expect(reviewDueAt({ lastReviewedAt: reviewed, decidedAt: approved, createdAt: created }, 90).toISOString()).toBe(
      '2026-05-30T12:00:00.000Z',
    );
  });

  it('counts from approval, else creation, for an ID never reviewed', () => {
    expect(reviewDueAt({ lastReviewedAt: null, decidedAt: approved, createdAt: created }, 10).toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
    expect(reviewDueAt({ lastReviewedAt: null, decidedAt: null, createdAt: created }, 1).toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('is overdue from the due instant on', () => {
    const due = new Date('2026-01-02T00:00:00.000Z');
    expect(isOverdue(due, new Date('2026-01-01T23:59:59.999Z'))).toBe(false);
    expect(isOverdue(due, due)).toBe(true);
  });
});
