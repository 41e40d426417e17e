import type { KeyObject } from 'node:crypto';
import type { AuditChainAnchoredData } from '@crm/contracts';
import { checkpointMac, sameBytes, type ChainKeyring } from './chain-crypto.js';
import { isChainLog, type ChainLog } from './chain-logs.js';

export const ANCHOR_FORMAT = 'crm-audit-anchor/1';

/**
 * A signed checkpoint kept outside the database (a file in the backup directory, and the
 * `audit.chain.anchored.v1` event for an external archive): "the chain of `log` had `seq` rows,
 * the last one hashing to `hash`, at `at`". Its MAC is the checkpoint MAC under kind `anchor`, so
 * no checkpoint row of the database can pass for an anchor or the other way round.
 */
export interface ChainAnchor extends AuditChainAnchoredData {
  format: typeof ANCHOR_FORMAT;
}

const ANCHOR_KIND = 'anchor';
const HEX64 = /^[0-9a-f]{64}$/;

function mac(key: KeyObject, a: { log: ChainLog; seq: number; hash: string; keyId: string; at: string }): Buffer {
  return checkpointMac(key, {
    log: a.log,
    seq: BigInt(a.seq),
    hash: Buffer.from(a.hash, 'hex'),
    keyId: a.keyId,
    kind: ANCHOR_KIND,
    at: new Date(a.at),
  });
}

/** An anchor of (log, seq, hash) now, MAC'd under the current master key. */
export function signAnchor(keyring: ChainKeyring, log: ChainLog, seq: number, hash: Buffer, at = new Date()): ChainAnchor {
  const fields = { log, seq, hash: hash.toString('hex'), keyId: keyring.currentId, at: new Date(Math.floor(at.getTime())).toISOString() };
  return { format: ANCHOR_FORMAT, ...fields, anchorMac: mac(keyring.current, fields).toString('hex') };
}

/** `no-key`: signed under a master key this process does not have (another installation, or a dropped key). */
export function anchorIsAuthentic(a: ChainAnchor, keyring: ChainKeyring): boolean | 'no-key' {
  const key = keyring.get(a.keyId);
  if (!key) return 'no-key';
  return sameBytes(Buffer.from(a.anchorMac, 'hex'), mac(key, a));
}

/**
 * An anchor read from a file: what this app writes, or the data of an `audit.chain.anchored.v1`
 * event an archive hands back (extra envelope fields such as `eventId` are ignored). Null when
 * it is not one.
 */
export function parseAnchor(value: unknown): ChainAnchor | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.format !== undefined && v.format !== ANCHOR_FORMAT) return null;
  if (!isChainLog(v.log) || !Number.isSafeInteger(v.seq) || (v.seq as number) < 1) return null;
  if (typeof v.hash !== 'string' || !HEX64.test(v.hash) || typeof v.anchorMac !== 'string' || !HEX64.test(v.anchorMac)) return null;
  if (typeof v.keyId !== 'string' || v.keyId.length === 0 || v.keyId.length > 64) return null;
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return null;
  return { format: ANCHOR_FORMAT, log: v.log, seq: v.seq as number, hash: v.hash, keyId: v.keyId, at: v.at, anchorMac: v.anchorMac };
}
