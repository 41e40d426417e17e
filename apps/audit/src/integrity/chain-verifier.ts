import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, rowHash, sameBytes, type ChainKeyring } from './chain-crypto.js';
import {
  START_KINDS,
  checkpointIsAuthentic,
  headIsAuthentic,
  KEY_SWITCH_KINDS,
  readCheckpoints,
  readHead,
  type Checkpoint,
  type Sql,
} from './chain-head.js';
import type { AnchorLookup } from './anchor-store.js';
import { hashAt } from './chain-positions.js';
import { rowsInSeqOrder } from './chain-rows.js';
import type { ChainLog, LogDescriptor } from './chain-logs.js';

export type BreakReason = 'edited' | 'inserted' | 'deleted' | 'checkpoint' | 'head' | 'key-unavailable' | 'truncated' | 'anchor';

export interface VerifyResult {
  log: ChainLog;
  ok: boolean;
  /** Rows whose hash was recomputed. */
  checked: number;
  /** Where verification started: the chain's start, a purge or restore checkpoint, or a checkpoint (from_seq). */
  from: { seq: number; kind: string; at: string | null; note?: string };
  head: { seq: number };
  /** The newest anchor outside the database the chain was checked against (null: none found, or anchors are off). */
  anchor: { seq: number; at: string; file: string } | null;
  /** Anchor files that were skipped: signed under a master key that is not configured. */
  anchorNote?: string;
  firstBroken: { seq: number; id: string | null; reason: BreakReason; detail: string } | null;
  ms: number;
}

type Broken = NonNullable<VerifyResult['firstBroken']>;

class Walk {
  checked = 0;
  constructor(
    private readonly keyring: ChainKeyring,
    private readonly switches: Checkpoint[],
    private readonly atSeq: Map<number, Checkpoint[]>,
  ) {}

  /** The key that chained row `seq`: the last key switch before it. */
  keyFor(seq: number): { id: string; key: KeyObject | undefined } {
    let id = this.switches[0]?.keyId ?? this.keyring.currentId;
    for (const c of this.switches) {
      if (c.seq >= seq) break;
      id = c.keyId;
    }
    return { id, key: this.keyring.get(id) };
  }

  hashOf(d: LogDescriptor, prev: Buffer, row: Record<string, unknown>): Buffer | null {
    const { key } = this.keyFor(Number(row.seq));
    return key ? rowHash(key, prev, d.canonical(row)) : null;
  }

  checkpointsAt(seq: number, hash: Buffer): Broken | null {
    for (const c of this.atSeq.get(seq) ?? []) {
      if (checkpointIsAuthentic(c, this.keyring) === false)
        return { seq, id: null, reason: 'checkpoint', detail: `the ${c.kind} checkpoint at seq ${seq} fails its MAC` };
      if (!sameBytes(c.hash, hash))
        return { seq, id: null, reason: 'checkpoint', detail: `the ${c.kind} checkpoint at seq ${seq} names another hash than the row's` };
    }
    return null;
  }
}

/**
 * Recomputes a log's hash chain in seq order, in constant memory, and names the first row that
 * does not fit:
 * - `deleted`: a seq number is missing (or rows below the head are gone);
 * - `inserted`: a row above the head, or a row whose successor chains onto the row before it;
 * - `edited`: a row whose content no longer matches its hash while its successor still chains onto
 *   that hash (the content changed, not the chain);
 * - `checkpoint` / `head`: a checkpoint or the head row was changed outside the app.
 * Rows appended while it runs are checked too; it stops at the first break.
 */
export async function verifyChain(
  sql: Sql,
  keyring: ChainKeyring,
  d: LogDescriptor,
  fromSeq?: number,
  anchors?: AnchorLookup,
): Promise<VerifyResult> {
  const started = performance.now();
  const checkpoints = await readCheckpoints(sql, d.log);
  let head = await readHead(sql, d.log);
  const switches = checkpoints.filter((c) => KEY_SWITCH_KINDS.includes(c.kind));
  const atSeq = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) atSeq.set(c.seq, [...(atSeq.get(c.seq) ?? []), c]);
  const walk = new Walk(keyring, switches, atSeq);

  const result = (from: VerifyResult['from'], firstBroken: Broken | null): VerifyResult => ({
    log: d.log,
    ok: firstBroken === null,
    checked: walk.checked,
    from,
    head: { seq: head.seq },
    anchor: anchors?.newest ? { seq: anchors.newest.anchor.seq, at: anchors.newest.anchor.at, file: anchors.newest.file } : null,
    ...(anchors?.unknownKey.length
      ? { anchorNote: `skipped, signed under a master key that is not configured: ${anchors.unknownKey.join(', ')}` }
      : {}),
    firstBroken,
    ms: Math.round(performance.now() - started),
  });

  // Start: the latest purge/restore checkpoint, or the checkpoint just below from_seq.
  const startCheckpoint = checkpoints.filter((c) => START_KINDS.includes(c.kind)).at(-1);
  let start: { seq: number; hash: Buffer; kind: string; at: Date | null } = startCheckpoint ?? {
    seq: 0,
    hash: GENESIS_HASH,
    kind: 'genesis',
    at: null,
  };
  if (startCheckpoint && checkpointIsAuthentic(startCheckpoint, keyring) === false) {
    return result(
      { seq: startCheckpoint.seq, kind: startCheckpoint.kind, at: startCheckpoint.at.toISOString() },
      { seq: startCheckpoint.seq, id: null, reason: 'checkpoint', detail: `the ${startCheckpoint.kind} checkpoint fails its MAC` },
    );
  }
  if (fromSeq !== undefined && fromSeq > start.seq + 1) {
    const below = checkpoints.filter((c) => c.seq < fromSeq && c.seq > start.seq && checkpointIsAuthentic(c, keyring) === true).at(-1);
    if (below) start = { seq: below.seq, hash: below.hash, kind: below.kind === 'periodic' ? 'checkpoint' : below.kind, at: below.at };
  }
  let note: string | undefined;
  if (!walk.keyFor(start.seq + 1).key) {
    // Rows chained under a master key that is no longer configured cannot be checked; start at the next key switch we can.
    const missing = walk.keyFor(start.seq + 1).id;
    const next = switches.find((c) => c.seq > start.seq && keyring.get(c.keyId) && checkpointIsAuthentic(c, keyring) === true);
    if (!next) {
      return result(
        { seq: start.seq, kind: start.kind, at: start.at?.toISOString() ?? null },
        {
          seq: start.seq + 1,
          id: null,
          reason: 'key-unavailable',
          detail: `rows from seq ${start.seq + 1} were chained under master key "${missing}", which is not configured (CRM_MASTER_KEY_PREVIOUS)`,
        },
      );
    }
    note = `rows up to seq ${next.seq} were chained under master key "${missing}", which is not configured; verified from the key switch at seq ${next.seq}`;
    start = { seq: next.seq, hash: next.hash, kind: next.kind, at: next.at };
  }
  const from = { seq: start.seq, kind: start.kind, at: start.at?.toISOString() ?? null, ...(note ? { note } : {}) };

  let expected = start.seq + 1;
  let prev = start.hash;
  /** A row that did not match, waiting for its successor to say how. */
  let suspect: { row: Record<string, unknown>; prev: Buffer } | null = null;

  const judgeSuspect = (next: Record<string, unknown> | null): Broken => {
    const { row, prev: before } = suspect!;
    const seq = Number(row.seq);
    const stored = row.row_hash as Buffer | null;
    if (next && stored && sameBytes(walk.hashOf(d, stored, next), next.row_hash as Buffer)) {
      return { seq, id: String(row.id), reason: 'edited', detail: 'the row no longer matches its hash; the next row still chains onto it' };
    }
    if (next && sameBytes(walk.hashOf(d, before, next), next.row_hash as Buffer)) {
      return { seq, id: String(row.id), reason: 'inserted', detail: 'the next row chains onto the row before this one' };
    }
    if (!next && stored && seq === head.seq && sameBytes(stored, head.hash)) {
      return { seq, id: String(row.id), reason: 'edited', detail: 'the newest row no longer matches its hash, which the head still names' };
    }
    return {
      seq,
      id: String(row.id),
      reason: stored ? 'edited' : 'inserted',
      detail: stored ? 'the row does not match its hash' : 'the row has no hash',
    };
  };

  let lastRead = start.seq;
  for (;;) {
    let sawRows = false;
    for await (const row of rowsInSeqOrder(sql, d, lastRead)) {
      sawRows = true;
      const seq = Number(row.seq);
      lastRead = seq;
      if (suspect) return result(from, judgeSuspect(row));
      if (seq > head.seq) head = await readHead(sql, d.log);
      if (seq > expected && expected <= head.seq) {
        return result(from, {
          seq: expected,
          id: null,
          reason: 'deleted',
          detail: seq === expected + 1 ? `seq ${expected} is missing` : `seq ${expected}–${seq - 1} are missing`,
        });
      }
      if (seq > head.seq)
        return result(from, { seq, id: String(row.id), reason: 'inserted', detail: `the row is above the chain head (seq ${head.seq})` });
      if (!walk.keyFor(seq).key) {
        return result(from, {
          seq,
          id: String(row.id),
          reason: 'key-unavailable',
          detail: `master key "${walk.keyFor(seq).id}" is not configured`,
        });
      }
      const hash = walk.hashOf(d, prev, row) as Buffer;
      if (!sameBytes(hash, row.row_hash as Buffer | null)) {
        suspect = { row, prev };
        continue;
      }
      const checkpointBreak = walk.checkpointsAt(seq, hash);
      if (checkpointBreak) return result(from, checkpointBreak);
      walk.checked += 1;
      prev = hash;
      expected = seq + 1;
    }
    if (suspect) return result(from, judgeSuspect(null));
    // Rows may have been appended since the last chunk; only stop once the head agrees.
    head = await readHead(sql, d.log);
    if (head.seq > lastRead && sawRows) continue;
    if (head.seq >= expected) {
      return result(from, {
        seq: expected,
        id: null,
        reason: 'deleted',
        detail: expected === head.seq ? `seq ${expected} is missing` : `seq ${expected}–${head.seq} are missing`,
      });
    }
    if (!headIsAuthentic(head, keyring))
      return result(from, { seq: head.seq, id: null, reason: 'head', detail: 'the chain head fails its MAC' });
    if (head.seq === expected - 1 && !sameBytes(head.hash, prev) && head.seq > start.seq) {
      return result(from, { seq: head.seq, id: null, reason: 'head', detail: 'the chain head names another hash than the newest row' });
    }
    return result(from, anchors ? await againstAnchor(sql, d, anchors, head.seq, startCheckpoint?.seq ?? 0) : null);
  }
}

/**
 * The chain as stored (already found intact) against the newest anchor kept outside the database:
 * the head must have reached the anchor's seq, and the row there must still have the anchored hash.
 * This catches what the database alone cannot show: the newest rows cut and an older head (with
 * its valid MAC) put back.
 */
async function againstAnchor(sql: Sql, d: LogDescriptor, anchors: AnchorLookup, headSeq: number, startSeq: number): Promise<Broken | null> {
  if (anchors.forged.length > 0) {
    return {
      seq: headSeq,
      id: null,
      reason: 'anchor',
      detail: `${anchors.forged.join(', ')} fails its MAC (written or changed outside the app)`,
    };
  }
  if (!anchors.newest) return null;
  const { anchor: a, file } = anchors.newest;
  const named = `the anchor ${file} of ${a.at} names seq ${a.seq}`;
  if (a.seq > headSeq) {
    const missing = a.seq === headSeq + 1 ? `seq ${a.seq} is` : `seq ${headSeq + 1}–${a.seq} are`;
    return { seq: headSeq + 1, id: null, reason: 'truncated', detail: `${missing} missing: ${named}, the chain head is at seq ${headSeq}` };
  }
  // Purged since it was taken: the rows it names are gone legitimately (the purge checkpoint covers them).
  if (a.seq < startSeq) return null;
  const stored = await hashAt(sql, d, a.seq);
  if (!stored) return { seq: a.seq, id: null, reason: 'deleted', detail: `seq ${a.seq} is missing: ${named}` };
  if (!sameBytes(stored, Buffer.from(a.hash, 'hex'))) {
    return {
      seq: a.seq,
      id: null,
      reason: 'anchor',
      detail: `row seq ${a.seq} has another hash than ${named}: the chain up to it was replaced`,
    };
  }
  return null;
}
