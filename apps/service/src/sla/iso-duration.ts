import { ISO_DURATION_RE } from '@crm/contracts';

const UNIT_MS = { W: 604_800_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 } as const;

/**
 * An ISO-8601 duration (`PT4H`, `PT3S`, `P2DT4H`, `PT0.5S`) in milliseconds of business time. Days
 * and weeks count 24 and 168 hours of business time (a "working day" of 9 hours is `PT9H`); years
 * and months have no fixed length and are refused by `ISO_DURATION_RE`. Null when malformed.
 */
export function durationMs(iso: string): number | null {
  const m = ISO_DURATION_RE.exec(iso);
  if (!m) return null;
  const [, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * UNIT_MS.W +
    Number(d ?? 0) * UNIT_MS.D +
    Number(h ?? 0) * UNIT_MS.H +
    Number(min ?? 0) * UNIT_MS.M +
    Math.round(Number(s ?? 0) * UNIT_MS.S);
  return ms > 0 ? ms : null;
}
