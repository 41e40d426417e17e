const DAY_MS = 86_400_000;

/** The review clock starts at the last review, else at activation (approval), else at creation. */
export function reviewDueAt(e: { lastReviewedAt: Date | null; decidedAt: Date | null; createdAt: Date }, intervalDays: number): Date {
  const base = e.lastReviewedAt ?? e.decidedAt ?? e.createdAt;
  return new Date(base.getTime() + intervalDays * DAY_MS);
}

export function isOverdue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() <= now.getTime();
}
