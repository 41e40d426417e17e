import { describe, expect, it } from '@jest/globals';
import {
  formatErrors,
  IntervalRecorder,
  leastSquares,
  memoryGrowth,
  parseV8Metrics,
  rssOutsideYoungMiB,
  type MemorySample,
} from './soak-stats.js';

const KINDS = [
  { kind: 'dispatch', group: 'eoms' },
  { kind: 'query', group: 'eoms' },
  { kind: 'audit.calls', group: 'audit' },
];

describe('IntervalRecorder', () => {
  it('aggregates one interval per kind, per group and overall, with errors by code', () => {
    const r = new IntervalRecorder(KINDS);
    for (let ms = 1; ms <= 100; ms++) r.record('dispatch', ms, ms === 7 ? 4090 : 0);
    r.record('query', 500, 'timeout');
    r.record('query', 3, 0);
    const f = r.take(10);
    expect(f.kinds['dispatch']).toEqual({ calls: 100, perSec: 10, p50: 51, p99: 100, max: 100, errors: { '4090': 1 } });
    expect(f.kinds['query']).toMatchObject({ calls: 2, perSec: 0.2, p50: 500, max: 500, errors: { timeout: 1 } });
    expect(f.kinds['audit.calls']).toMatchObject({ calls: 0, perSec: 0, errors: {} });
    expect(f.kinds['audit.calls']!.p99).toBeNaN();
    expect(f.groups['eoms']).toMatchObject({ calls: 102, perSec: 10.2, max: 500, errors: { '4090': 1, timeout: 1 } });
    expect(f.groups['audit']!.calls).toBe(0);
    expect(f.all).toMatchObject({ calls: 102, p50: 51, errors: { '4090': 1, timeout: 1 } });
  });

  it('starts a fresh interval after take(), while the totals run on until restartTotals()', () => {
    const r = new IntervalRecorder(KINDS);
    r.record('dispatch', 10, 0);
    r.take(1);
    r.record('dispatch', 20, 5030);
    expect(r.take(2).kinds['dispatch']).toMatchObject({ calls: 1, perSec: 0.5, p50: 20, errors: { '5030': 1 } });
    expect(r.totals(3).kinds['dispatch']).toMatchObject({ calls: 2, max: 20, errors: { '5030': 1 } });
    r.restartTotals();
    r.record('query', 5, 0);
    expect(r.totals(1).all.calls).toBe(1);
    expect(r.totals(1).kinds['dispatch']!.calls).toBe(0);
  });

  it('refuses a kind that was not declared (a typo would silently vanish from the figures)', () => {
    const r = new IntervalRecorder(KINDS);
    r.record('dispatchh', 1, 0);
    expect(() => r.take(1)).toThrow(/undeclared kinds: dispatchh/);
  });
});

describe('formatErrors', () => {
  it('prints codes by count, most frequent first, or 0', () => {
    expect(formatErrors({})).toBe('0');
    expect(formatErrors({ timeout: 1, '4090': 12 })).toBe('12×4090, 1×timeout');
  });
});

describe('leastSquares', () => {
  it('recovers an exact line with zero standard error', () => {
    const fit = leastSquares([0, 1, 2, 3, 4].map((x) => [x, 5 + 2 * x] as const));
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(5, 12);
    expect(fit.slopeStdErr).toBeCloseTo(0, 12);
  });

  it('matches a hand-computed fit with noise', () => {
    // 1.4 + 0.8x plus residuals 0.2, −0.4, 0.4, −0.4, 0.2 (sum 0, orthogonal to x): Sxx = 10, SSR = 0.56, se = √(0.56/3/10)
    const fit = leastSquares([
      [0, 1.6],
      [1, 1.8],
      [2, 3.4],
      [3, 3.4],
      [4, 4.8],
    ]);
    expect(fit.slope).toBeCloseTo(0.8, 12);
    expect(fit.intercept).toBeCloseTo(1.4, 12);
    expect(fit.slopeStdErr).toBeCloseTo(Math.sqrt(0.56 / 3 / 10), 12);
  });

  it('gives NaN for fewer than two points or a single x', () => {
    expect(leastSquares([[1, 1]]).slope).toBeNaN();
    expect(
      leastSquares([
        [1, 1],
        [1, 2],
      ]).slope,
    ).toBeNaN();
    expect(
      leastSquares([
        [0, 1],
        [1, 2],
      ]).slopeStdErr,
    ).toBeNaN();
  });
});

describe('memoryGrowth', () => {
  /** Samples every 30 s for 30 min; `rss(t)` in MiB per process. */
  const samples = (rss: Record<string, (tSec: number) => number>): MemorySample[] =>
    Array.from({ length: 61 }, (_, i) => {
      const t = i * 30;
      return { t, rssMiB: Object.fromEntries(Object.entries(rss).map(([p, f]) => [p, f(t)])) };
    });
  const sawtooth = (t: number) => ((t / 30) % 4) * 3; // GC: 0, 3, 6, 9 MiB, then back

  it('ignores warm-up growth and a GC sawtooth, and flags a steady leak with its slope in MiB/h', () => {
    const growth = memoryGrowth(
      samples({
        // +60 MiB during the 6 min warm-up, flat after
        service: (t) => 100 + Math.min(t, 360) / 6 + sawtooth(t),
        // 30 MiB/h throughout: 0.5 MiB a minute
        leaky: (t) => 100 + (t / 3600) * 30 + sawtooth(t),
      }),
      360,
      10,
    );
    const service = growth.find((g) => g.process === 'service')!;
    expect(service).toMatchObject({ atWarmupMiB: 160, verdict: 'flat' });
    expect(Math.abs(service.slopeMiBPerHour)).toBeLessThan(2);
    expect(service.peakMiB).toBe(169);
    const leaky = growth.find((g) => g.process === 'leaky')!;
    expect(leaky.verdict).toBe('grows');
    expect(leaky.slopeMiBPerHour).toBeGreaterThan(28);
    expect(leaky.slopeMiBPerHour).toBeLessThan(32);
    expect(leaky.atEndMiB - leaky.atWarmupMiB).toBeCloseTo(12 + sawtooth(1800) - sawtooth(360), 9);
  });

  it('does not flag growth below the threshold, nor a slope within twice its standard error', () => {
    const slow = memoryGrowth(samples({ slow: (t) => 100 + (t / 3600) * 5 }), 360, 10)[0]!;
    expect(slow.slopeMiBPerHour).toBeCloseTo(5, 9);
    expect(slow.verdict).toBe('flat');
    // Above the threshold on paper, but one jump in the last samples is not a trend.
    const noisy = memoryGrowth(
      [
        { t: 0, rssMiB: { p: 100 } },
        { t: 600, rssMiB: { p: 100 } },
        { t: 1200, rssMiB: { p: 130 } },
        { t: 1800, rssMiB: { p: 100 } },
        { t: 2400, rssMiB: { p: 100 } },
        { t: 3000, rssMiB: { p: 140 } },
      ],
      0,
      10,
    )[0]!;
    expect(noisy.slopeMiBPerHour).toBeGreaterThan(10);
    expect(noisy.verdict).toBe('flat');
  });

  it('tells a step that then stays level from a leak that keeps growing to the end', () => {
    const [step, late] = memoryGrowth(
      samples({
        // +50 MiB at 14 min (a backlog's burst), level after: the full-window slope is high, the late one 0
        step: (t) => (t < 840 ? 220 : 270),
        // level until 18 min, then 60 MiB/h to the end
        late: (t) => (t < 1080 ? 200 : 200 + ((t - 1080) / 3600) * 60),
      }),
      360,
      10,
    );
    expect(step!.slopeMiBPerHour).toBeGreaterThan(50);
    expect(step!.lateSlopeMiBPerHour).toBeCloseTo(0, 9);
    expect(step!.verdict).toBe('stepped, then flat');
    expect(late!.lateSlopeMiBPerHour).toBeCloseTo(60, 9);
    expect(late!.verdict).toBe('grows');
  });

  it('says when a process died or there are too few samples after warm-up', () => {
    const died = memoryGrowth(samples({ audit: (t) => (t > 900 ? NaN : 100) }), 360, 10)[0]!;
    expect(died.verdict).toBe('gone');
    expect(memoryGrowth(samples({ p: () => 100 }), 1700, 10)[0]!.verdict).toBe('too few samples');
  });
});

describe('parseV8Metrics', () => {
  const mib = 1048576;
  const text = [
    '# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
    `nodejs_heap_size_used_bytes{app="audit"} ${80 * mib}`,
    `nodejs_heap_space_size_used_bytes{space="new",app="audit"} ${20 * mib}`,
    `nodejs_heap_space_size_used_bytes{space="old",app="audit"} ${50 * mib}`,
    `nodejs_heap_space_size_used_bytes{space="large_object",app="audit"} ${2.5 * mib}`,
    `nodejs_heap_space_size_total_bytes{space="new",app="audit"} ${128 * mib}`,
    `nodejs_heap_space_size_total_bytes{space="old",app="audit"} ${60 * mib}`,
  ].join('\n');

  it('reads the heap in use, the old and large-object spaces in use, and the young generation reserved', () => {
    expect(parseV8Metrics(text)).toEqual({ heapUsedMiB: 80, oldUsedMiB: 52.5, youngReservedMiB: 128 });
  });

  it('gives NaN for what a text lacks, so a failed scrape is not a zero', () => {
    const v = parseV8Metrics('process_resident_memory_bytes 1000');
    expect([v.heapUsedMiB, v.oldUsedMiB, v.youngReservedMiB].every(Number.isNaN)).toBe(true);
  });

  it('takes the RSS outside the young generation, NaN without a V8 sample', () => {
    expect(rssOutsideYoungMiB(277, parseV8Metrics(text))).toBe(149);
    expect(rssOutsideYoungMiB(277, undefined)).toBeNaN();
  });
});
