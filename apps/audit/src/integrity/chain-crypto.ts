import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { CrmConfig, MasterKey } from '@crm/config';

/** The hash a chain starts from (seq 0). */
export const GENESIS_HASH = Buffer.alloc(32);

/**
 * The chain is keyed: row_hash = HMAC-SHA256(K, prev_hash ‖ canonical row bytes), with K derived
 * from a master key. Someone with only database access can edit rows and even recompute SHA-256
 * chains, but cannot produce these MACs. The salt is fixed (not the namespace) so that a backup
 * restored into another installation with the same master key still verifies. A `KeyObject`, not
 * a Buffer: Node 24's createHmac turns a Buffer key into a KeyObject on every call (5× the cost of
 * the MAC itself on a short row; docs/benchmarks.md).
 */
export function deriveChainKey(master: MasterKey): KeyObject {
  return createSecretKey(
    Buffer.from(hkdfSync('sha256', master.key, Buffer.from('crm-audit-chain'), Buffer.from('crm-audit-chain-v1'), 32)),
  );
}

/** Chain keys by master key id: the current one chains new rows, previous ones still verify old rows. */
export class ChainKeyring {
  private readonly keys = new Map<string, KeyObject>();
  readonly currentId: string;

  constructor(masterKeys: CrmConfig['masterKeys']) {
    this.currentId = masterKeys.current.id;
    for (const k of [masterKeys.current, ...masterKeys.previous]) this.keys.set(k.id, deriveChainKey(k));
  }

  get current(): KeyObject {
    return this.keys.get(this.currentId) as KeyObject;
  }

  get(id: string): KeyObject | undefined {
    return this.keys.get(id);
  }
}

export function rowHash(key: KeyObject, prev: Buffer, canonical: string): Buffer {
  return createHmac('sha256', key).update(prev).update(canonical, 'utf8').digest();
}

/** MAC over the chain head, so that its position cannot be moved without the key. */
export function headMac(key: KeyObject, log: string, seq: bigint, hash: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`head|${log}|${seq}|${hash.toString('hex')}`)
    .digest();
}

export interface CheckpointFields {
  log: string;
  seq: bigint;
  hash: Buffer;
  keyId: string;
  kind: string;
  at: Date;
}

/** MAC over a checkpoint: a forged purge checkpoint would otherwise hide deleted rows. */
export function checkpointMac(key: KeyObject, c: CheckpointFields): Buffer {
  return createHmac('sha256', key)
    .update(`checkpoint|${c.log}|${c.seq}|${c.hash.toString('hex')}|${c.keyId}|${c.kind}|${c.at.getTime()}`)
    .digest();
}

export function sameBytes(a: Buffer | null | undefined, b: Buffer | null | undefined): boolean {
  return !!a && !!b && a.length === b.length && timingSafeEqual(a, b);
}
