import type { ChainLog } from '../integrity/chain-logs.js';

export const MANIFEST_FORMAT = 'crm-audit-backup/1';
export const MANIFEST_SUFFIX = '.manifest.json';

/** The manifest beside each backup file: what it holds and how to check it before restoring. */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  id: string;
  log: ChainLog;
  kind: 'scheduled' | 'manual';
  /** Scheduled backups: the completed period they stand for. */
  period: { unit: 'hour' | 'day'; start: string; end: string } | null;
  /** Manual backups: the time range asked for. */
  range: { from: string | null; to: string | null } | null;
  rows: number;
  /** The chain segment held: seq firstSeq..lastSeq (null when empty), chained onto prevHash. */
  firstSeq: number | null;
  lastSeq: number | null;
  prevHash: string;
  firstHash: string | null;
  lastHash: string | null;
  /** Master key ids that chained the rows: each applies from `fromSeq` on. */
  keys: Array<{ fromSeq: number; keyId: string }>;
  /** File name (same directory), its sha256 and size. */
  file: string;
  sha256: string;
  bytes: number;
  createdAt: string;
}

/** A backup as listed by `GET /audit/backups`. */
export interface BackupItem {
  id: string;
  log: ChainLog;
  kind: 'scheduled' | 'manual';
  status: 'running' | 'completed' | 'failed';
  period: string | null;
  rangeFrom: string | null;
  rangeTo: string | null;
  firstSeq: number | null;
  lastSeq: number | null;
  rows: number;
  file: string | null;
  sha256: string | null;
  bytes: number | null;
  requestedBy: string;
  startedAt: string;
  completedAt: string | null;
  error: string | null;
}
