import { checkpointMac, headMac, sameBytes, type ChainKeyring } from './chain-crypto.js';
import type { ChainLog } from './chain-logs.js';

/** Runs one statement; a DriverSession's `query` or a migration's QueryRunner. */
export type Sql = (sql: string, params?: unknown[]) => Promise<any>;

/**
 * Kinds of checkpoint. `purge` and `restore` start the stored chain: it verifies from there on.
 * (Anchors, the signed checkpoints kept outside the database, are chain-anchor.ts.)
 */
export type CheckpointKind = 'genesis' | 'periodic' | 'rekey' | 'purge' | 'restore';
export const START_KINDS: readonly CheckpointKind[] = ['purge', 'restore'];
/**
 * Kinds that say which master key chains the rows after them: a checkpoint's `key_id` is always the
 * key of its MAC, and for these kinds also the key of the following rows.
 */
export const KEY_SWITCH_KINDS: readonly CheckpointKind[] = ['genesis', 'rekey', 'restore'];

export interface ChainHead {
  log: ChainLog;
  seq: number;
  hash: Buffer;
  keyId: string;
  mac: Buffer;
  checkpointSeq: number;
  checkpointAt: Date;
}

export interface Checkpoint {
  id: number;
  log: ChainLog;
  seq: number;
  hash: Buffer;
  keyId: string;
  kind: CheckpointKind;
  at: Date;
  mac: Buffer;
}

export class ChainIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainIntegrityError';
  }
}

function toHead(r: any): ChainHead {
  return {
    log: r.log,
    seq: Number(r.seq),
    hash: r.hash,
    keyId: r.key_id,
    mac: r.mac,
    checkpointSeq: Number(r.checkpoint_seq),
    checkpointAt: new Date(r.checkpoint_at),
  };
}

export function toCheckpoint(r: any): Checkpoint {
  return { id: Number(r.id), log: r.log, seq: Number(r.seq), hash: r.hash, keyId: r.key_id, kind: r.kind, at: new Date(r.at), mac: r.mac };
}

const HEAD_COLUMNS = 'log, seq, hash, key_id, mac, checkpoint_seq, checkpoint_at';

export async function readCheckpoints(sql: Sql, log: ChainLog): Promise<Checkpoint[]> {
  return (
    (await sql('SELECT id, log, seq, hash, key_id, kind, at, mac FROM chain_checkpoint WHERE log = ? ORDER BY seq, id', [log])) as unknown[]
  ).map(toCheckpoint);
}

export async function readHead(sql: Sql, log: ChainLog, lock = false): Promise<ChainHead> {
  const rows = await sql(`SELECT ${HEAD_COLUMNS} FROM chain_head WHERE log = ?${lock ? ' FOR UPDATE' : ''}`, [log]);
  if (!rows[0]) throw new ChainIntegrityError(`the ${log} chain has no head row`);
  return toHead(rows[0]);
}

export function headIsAuthentic(head: ChainHead, keyring: ChainKeyring): boolean {
  const key = keyring.get(head.keyId);
  return !!key && sameBytes(head.mac, headMac(key, head.log, BigInt(head.seq), head.hash));
}

export function checkpointIsAuthentic(c: Checkpoint, keyring: ChainKeyring): boolean | 'no-key' {
  const key = keyring.get(c.keyId);
  if (!key) return 'no-key';
  return sameBytes(c.mac, checkpointMac(key, { log: c.log, seq: BigInt(c.seq), hash: c.hash, keyId: c.keyId, kind: c.kind, at: c.at }));
}

/** Writes a checkpoint MAC'd under the current key (or `keyId`, which restore uses for the key of the restored rows). */
export async function insertCheckpoint(
  sql: Sql,
  keyring: ChainKeyring,
  c: { log: ChainLog; seq: number; hash: Buffer; kind: CheckpointKind; at?: Date; keyId?: string },
): Promise<void> {
  const at = new Date(Math.floor((c.at ?? new Date()).getTime()));
  const keyId = c.keyId ?? keyring.currentId;
  const key = keyring.get(keyId);
  if (!key) throw new ChainIntegrityError(`master key "${keyId}" is not configured`);
  const mac = checkpointMac(key, { log: c.log, seq: BigInt(c.seq), hash: c.hash, keyId, kind: c.kind, at });
  await sql('INSERT INTO chain_checkpoint (log, seq, hash, key_id, kind, at, mac) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    c.log,
    c.seq,
    c.hash,
    keyId,
    c.kind,
    at,
    mac,
  ]);
}

/** Moves the head (already locked) to (seq, hash), MAC'd under the current key (restore passes the key of the restored rows). */
export async function writeHead(
  sql: Sql,
  keyring: ChainKeyring,
  log: ChainLog,
  seq: number,
  hash: Buffer,
  checkpoint?: { seq: number; at: Date },
  keyId = keyring.currentId,
): Promise<void> {
  const key = keyring.get(keyId);
  if (!key) throw new ChainIntegrityError(`master key "${keyId}" is not configured`);
  const mac = headMac(key, log, BigInt(seq), hash);
  if (checkpoint) {
    await sql('UPDATE chain_head SET seq = ?, hash = ?, key_id = ?, mac = ?, checkpoint_seq = ?, checkpoint_at = ? WHERE log = ?', [
      seq,
      hash,
      keyId,
      mac,
      checkpoint.seq,
      checkpoint.at,
      log,
    ]);
  } else {
    await sql('UPDATE chain_head SET seq = ?, hash = ?, key_id = ?, mac = ? WHERE log = ?', [seq, hash, keyId, mac, log]);
  }
}

/**
 * Makes sure the locked head can be extended with the current key: a head whose MAC fails is not
 * extended (that would bless whatever was done to it); a head under a previous master key gets a
 * `rekey` checkpoint and continues under the current one (master key rotation); a head under a key
 * this process does not know means a newer replica already moved the chain on.
 */
export async function prepareHead(sql: Sql, keyring: ChainKeyring, head: ChainHead): Promise<void> {
  if (!headIsAuthentic(head, keyring)) {
    if (!keyring.get(head.keyId)) {
      throw new ChainIntegrityError(
        `the ${head.log} chain continues under master key "${head.keyId}", which this process does not have: restart it with the current CRM_MASTER_KEY`,
      );
    }
    throw new ChainIntegrityError(
      `the ${head.log} chain head fails its MAC (changed outside the app); not extending it — run audit verify`,
    );
  }
  if (head.keyId !== keyring.currentId) {
    await insertCheckpoint(sql, keyring, { log: head.log, seq: head.seq, hash: head.hash, kind: 'rekey' });
    await writeHead(sql, keyring, head.log, head.seq, head.hash);
  }
}
