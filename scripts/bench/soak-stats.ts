/**
 * The arithmetic of the soak benchmark (`soak-bench.ts`), kept free of I/O so it is unit-tested:
 * per-interval aggregation of call outcomes, and the memory-growth verdict (least-squares slope of
 * RSS over the samples after warm-up).
 */
import { percentile } from './load.js';

/** What one kind of call (or a group of kinds) did over a span of time. */
export interface Figures {
  calls: number;
  perSec: number;
  p50: number;
  p99: number;
  max: number;
  /** Calls whose answer was not code 0, by code (`timeout`, `http-502`, ... for failures without one). */
  errors: Record<string, number>;
}

export interface IntervalFigures {
  seconds: number;
  all: Figures;
  kinds: Record<string, Figures>;
  groups: Record<string, Figures>;
}

interface Bucket {
  latencies: number[];
  errors: Record<string, number>;
}

function figures(b: Bucket, seconds: number): Figures {
  const sorted = [...b.latencies].sort((x, y) => x - y);
  return {
    calls: sorted.length,
    perSec: seconds > 0 ? sorted.length / seconds : NaN,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    errors: { ...b.errors },
  };
}

function merge(buckets: Bucket[]): Bucket {
  const out: Bucket = { latencies: [], errors: {} };
  for (const b of buckets) {
    for (const ms of b.latencies) out.latencies.push(ms);
    for (const [code, n] of Object.entries(b.errors)) out.errors[code] = (out.errors[code] ?? 0) + n;
  }
  return out;
}

/**
 * Collects call outcomes per kind; `take()` closes the current interval and starts the next. The
 * run's totals (since `restartTotals()`, e.g. after warm-up) are kept beside the intervals.
 */
export class IntervalRecorder {
  private interval = new Map<string, Bucket>();
  private total = new Map<string, Bucket>();

  /** `kinds` in print order, each with its group (e.g. `eoms`, `front`, `audit`). */
  constructor(private readonly kinds: ReadonlyArray<{ kind: string; group: string }>) {}

  /** One answered (or failed) call: its latency in ms and its code, 0 for success. */
  record(kind: string, ms: number, code: number | string): void {
    for (const m of [this.interval, this.total]) {
      let b = m.get(kind);
      if (!b) m.set(kind, (b = { latencies: [], errors: {} }));
      b.latencies.push(ms);
      if (code !== 0) b.errors[String(code)] = (b.errors[String(code)] ?? 0) + 1;
    }
  }

  /** Figures of the interval that lasted `seconds`, and a fresh one begins. */
  take(seconds: number): IntervalFigures {
    const out = this.summarise(this.interval, seconds);
    this.interval = new Map();
    return out;
  }

  /** Figures of everything recorded since the last `restartTotals()`, over `seconds`. */
  totals(seconds: number): IntervalFigures {
    return this.summarise(this.total, seconds);
  }

  restartTotals(): void {
    this.total = new Map();
  }

  private summarise(m: Map<string, Bucket>, seconds: number): IntervalFigures {
    const empty = (): Bucket => ({ latencies: [], errors: {} });
    const kinds: Record<string, Figures> = {};
    const byGroup = new Map<string, Bucket[]>();
    for (const { kind, group } of this.kinds) {
      const b = m.get(kind) ?? empty();
      kinds[kind] = figures(b, seconds);
      byGroup.set(group, [...(byGroup.get(group) ?? []), b]);
    }
    const groups: Record<string, Figures> = {};
    for (const [group, buckets] of byGroup) groups[group] = figures(merge(buckets), seconds);
    const unknown = [...m.keys()].filter((k) => !(k in kinds));
    if (unknown.length) throw new Error(`calls recorded for undeclared kinds: ${unknown.join(', ')}`);
    return { seconds, all: figures(merge([...m.values()]), seconds), kinds, groups };
  }
}

/** `12×4090, 3×timeout`, or `0`. */
export function formatErrors(errors: Record<string, number>): string {
  const parts = Object.entries(errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${n}×${code}`);
  return parts.length ? parts.join(', ') : '0';
}

export interface Fit {
  /** y per unit of x. */
  slope: number;
  intercept: number;
  /** Standard error of the slope (NaN below three points). */
  slopeStdErr: number;
}

/** Ordinary least squares y = intercept + slope·x. */
export function leastSquares(points: ReadonlyArray<readonly [number, number]>): Fit {
  const n = points.length;
  if (n < 2) return { slope: NaN, intercept: NaN, slopeStdErr: NaN };
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  if (sxx === 0) return { slope: NaN, intercept: NaN, slopeStdErr: NaN };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = points.reduce((s, [x, y]) => s + (y - intercept - slope * x) ** 2, 0);
  const slopeStdErr = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : NaN;
  return { slope, intercept, slopeStdErr };
}

/** Resident memory of every watched process at one moment (MiB; NaN when the process was gone). */
export interface MemorySample {
  /** Seconds since the load started. */
  t: number;
  rssMiB: Record<string, number>;
}

export type GrowthVerdict = 'flat' | 'grows' | 'stepped, then flat' | 'too few samples' | 'gone';

export interface Growth {
  process: string;
  /** RSS at the first sample at or after the end of warm-up. */
  atWarmupMiB: number;
  atEndMiB: number;
  peakMiB: number;
  /** Least-squares slope over the samples from the end of warm-up on, MiB per hour, and its standard error. */
  slopeMiBPerHour: number;
  stdErrMiBPerHour: number;
  /** The same over the second half of the post-warm-up samples: is it still growing at the end? */
  lateSlopeMiBPerHour: number;
  verdict: GrowthVerdict;
}

/**
 * Per process: does its RSS still grow after warm-up? `grows` when the post-warm-up slope is above
 * `thresholdMiBPerHour`, clearly above zero (slope − 2·stderr > 0, so one late GC sawtooth in a
 * short window is not a leak) and the slope over the second half of those samples is above the
 * threshold too: a leak keeps growing to the end. RSS rarely falls back after V8 or malloc took more
 * memory for a burst (a backlog of messages in flight), so a rise that then stays level is
 * `stepped, then flat` — reported, not called a leak. At least `minSamples` post-warm-up samples
 * are needed; a process with a missing sample after warm-up (it died) is `gone`.
 */
export function memoryGrowth(
  samples: readonly MemorySample[],
  warmupSeconds: number,
  thresholdMiBPerHour: number,
  minSamples = 5,
): Growth[] {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssMiB)))];
  const after = samples.filter((s) => s.t >= warmupSeconds);
  return names.map((process) => {
    const points = after.map((s) => [s.t / 3600, s.rssMiB[process] ?? NaN] as const);
    const values = samples.map((s) => s.rssMiB[process] ?? NaN).filter((v) => !Number.isNaN(v));
    const fit = leastSquares(points.filter(([, y]) => !Number.isNaN(y)));
    const midpoint = ((after[0]?.t ?? 0) + (after.at(-1)?.t ?? 0)) / 2 / 3600;
    const late = leastSquares(points.filter(([x, y]) => x >= midpoint && !Number.isNaN(y)));
    const gone = points.some(([, y]) => Number.isNaN(y));
    const rose = fit.slope > thresholdMiBPerHour && fit.slope - 2 * fit.slopeStdErr > 0;
    const verdict: GrowthVerdict = gone
      ? 'gone'
      : points.length < minSamples
        ? 'too few samples'
        : !rose
          ? 'flat'
          : late.slope > thresholdMiBPerHour
            ? 'grows'
            : 'stepped, then flat';
    return {
      process,
      atWarmupMiB: points[0]?.[1] ?? NaN,
      atEndMiB: points.at(-1)?.[1] ?? NaN,
      peakMiB: values.length ? Math.max(...values) : NaN,
      slopeMiBPerHour: fit.slope,
      stdErrMiBPerHour: fit.slopeStdErr,
      lateSlopeMiBPerHour: late.slope,
      verdict,
    };
  });
}

/** What an app's V8 heap held at one moment (MiB), read from its `/metrics` (prom-client's defaults). */
export interface V8Sample {
  /** All spaces' bytes in use: includes the young generation's garbage not yet scavenged, so it saws. */
  heapUsedMiB: number;
  /** Old and large-object spaces in use: what survived scavenges, where a leak of JS objects shows. */
  oldUsedMiB: number;
  /** The young generation's reserved size: V8 grows it (up to its cap) under a high allocation rate and shrinks it when idle. */
  youngReservedMiB: number;
}

/** The `V8Sample` in a `/metrics` text, or NaNs for what is missing. */
export function parseV8Metrics(text: string): V8Sample {
  const bytes = (metric: string, space?: string): number => {
    const label = space ? `\\{[^}]*space="${space}"[^}]*\\}` : '(?:\\{[^}]*\\})?';
    const m = new RegExp(`^${metric}${label} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) / 1048576 : NaN;
  };
  return {
    heapUsedMiB: bytes('nodejs_heap_size_used_bytes'),
    oldUsedMiB: bytes('nodejs_heap_space_size_used_bytes', 'old') + bytes('nodejs_heap_space_size_used_bytes', 'large_object'),
    youngReservedMiB: bytes('nodejs_heap_space_size_total_bytes', 'new'),
  };
}

/**
 * RSS less the young generation's reserved size (MiB): V8 sizes its young generation by the
 * allocation rate (on this box from 16 to 128 MiB and back, measured), and that swing dominates an
 * app's RSS over a soak, so a leak outside the JS heap (buffers, native memory, the allocator)
 * shows here and not in the raw RSS.
 */
export function rssOutsideYoungMiB(rssMiB: number, v8: V8Sample | undefined): number {
  return v8 ? rssMiB - v8.youngReservedMiB : NaN;
}
