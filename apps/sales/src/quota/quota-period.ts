import type { QuotaPeriod } from '@crm/contracts';

/**
 * The last day (inclusive) of the period starting at `start` (`YYYY-MM-01`), or null when `start`
 * does not begin such a period (a quarter starts in January, April, July or October; a year in January).
 */
export function periodEnd(period: QuotaPeriod, start: string): string | null {
  const [y, mo] = start.split('-').map(Number) as [number, number];
  if (mo < 1 || mo > 12) return null;
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  if (period === 'quarter' && (mo - 1) % 3 !== 0) return null;
  if (period === 'year' && mo !== 1) return null;
  // Day 0 of the month after the period is its last day.
  const last = new Date(Date.UTC(y, mo - 1 + months, 0));
  return last.toISOString().slice(0, 10);
}
