import { GENESIS_HASH } from './chain-crypto.js';
import { START_KINDS, KEY_SWITCH_KINDS, readCheckpoints, type Sql } from './chain-head.js';
import type { ChainLog, LogDescriptor } from './chain-logs.js';

/** Where the stored chain starts: the latest purge/restore checkpoint, else seq 0. */
export async function chainStart(sql: Sql, log: ChainLog): Promise<{ seq: number; hash: Buffer }> {
  const start = (await readCheckpoints(sql, log)).filter((c) => START_KINDS.includes(c.kind)).at(-1);
  return start ? { seq: start.seq, hash: start.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * The last seq of the chain's longest prefix (after `afterSeq`) whose rows are all stamped before
 * `t`: the boundary a purge or a backup period uses. `at` is the event's own time and only roughly
 * follows seq (late events), so a time boundary is turned into a seq boundary this way, keeping
 * every purge and backup a contiguous chain segment.
 */
export async function prefixBefore(sql: Sql, d: LogDescriptor, t: Date, afterSeq: number, headSeq: number): Promise<number> {
  const [r] = await sql(`SELECT seq FROM ${d.table} WHERE seq > ? AND at >= ? ORDER BY seq LIMIT 1`, [afterSeq, t]);
  return r ? Math.min(headSeq, Number(r.seq) - 1) : headSeq;
}

/** Master key ids in effect over (afterSeq, lastSeq]: the key of row afterSeq+1, then each switch. */
export async function keySegments(
  sql: Sql,
  log: ChainLog,
  afterSeq: number,
  lastSeq: number,
): Promise<Array<{ fromSeq: number; keyId: string }>> {
  const switches = (await readCheckpoints(sql, log)).filter((c) => KEY_SWITCH_KINDS.includes(c.kind));
  const segments: Array<{ fromSeq: number; keyId: string }> = [];
  let current = switches[0]?.keyId ?? '';
  for (const c of switches) {
    if (c.seq <= afterSeq) current = c.keyId;
  }
  segments.push({ fromSeq: afterSeq + 1, keyId: current });
  for (const c of switches) {
    if (c.seq > afterSeq && c.seq < lastSeq && c.keyId !== segments.at(-1)!.keyId) segments.push({ fromSeq: c.seq + 1, keyId: c.keyId });
  }
  return segments;
}

/** The stored hash of row `seq` (the chain start's hash for the start itself). */
export async function hashAt(sql: Sql, d: LogDescriptor, seq: number): Promise<Buffer | null> {
  if (seq === 0) return GENESIS_HASH;
  const [r] = await sql(`SELECT row_hash FROM ${d.table} WHERE seq = ?`, [seq]);
  if (r) return r.row_hash as Buffer;
  const [c] = await sql(`SELECT hash FROM chain_checkpoint WHERE log = ? AND seq = ? ORDER BY id DESC LIMIT 1`, [d.log, seq]);
  return c ? (c.hash as Buffer) : null;
}
