import type { AlertConfig } from '../audit.config.js';
import type { AlertTrigger } from './alert-rules.js';

/** The ingestion-lag rule: either bound exceeded raises (or adds to) one alert per queue. */
export function ingestLagTrigger(
  queue: string,
  depth: number,
  lagMs: number,
  c: Pick<AlertConfig, 'ingestQueueDepth' | 'ingestLagMs'>,
  now: Date,
): AlertTrigger | null {
  const deep = depth >= c.ingestQueueDepth;
  const late = lagMs >= c.ingestLagMs;
  if (!deep && !late) return null;
  return {
    rule: 'ingest-lag',
    severity: 'critical',
    subject: queue,
    title: `audit ingestion behind: ${depth} call events waiting, last stored ${Math.round(lagMs / 1000)} s after the call`,
    details: { queue, depth, lagSeconds: Math.round(lagMs / 100) / 10, maxDepth: c.ingestQueueDepth, maxLagSeconds: c.ingestLagMs / 1000 },
    occurrences: 1,
    at: now,
  };
}

/**
 * The dead-letters rule: a dead-letter queue at or above `threshold` messages raises (or adds to)
 * one alert per queue; critical once it reaches its bound, since new dead letters are then dropped
 * (`x-overflow: reject-publish`; their calls stay in the call log).
 */
export function deadLetterTrigger(queue: string, depth: number, threshold: number, bound: number, now: Date): AlertTrigger | null {
  if (depth < threshold) return null;
  const full = depth >= bound;
  return {
    rule: 'dead-letters',
    severity: full ? 'critical' : 'warning',
    subject: queue,
    title: full
      ? `dead-letter queue full: ${depth} messages, new dead letters are dropped`
      : `dead-letter queue filling: ${depth} of ${bound} messages`,
    details: { queue, depth, threshold, maxMessages: bound },
    occurrences: 1,
    at: now,
  };
}
