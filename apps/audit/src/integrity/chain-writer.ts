import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { ChainKeyring, rowHash } from './chain-crypto.js';
import { insertCheckpoint, prepareHead, readHead, writeHead, type Sql } from './chain-head.js';
import type { LogDescriptor } from './chain-logs.js';
import { withSession } from './driver-session.js';

export interface CheckpointCadence {
  rows: number;
  minutes: number;
}

/**
 * Appends rows to a log's hash chain. Everything happens in one transaction per batch: lock the
 * chain head (`FOR UPDATE`, so several audit replicas take turns), drop ids already stored (the
 * audit queue's own redelivery) and, in a fingerprinted log, redelivered events whose fingerprint
 * is already stored (a call the app processed twice because the broker redelivered it), so a
 * skipped row never takes a place in the chain; then number the new rows after the head, hash each
 * onto the previous, insert, advance the head, and write a checkpoint when one is due.
 */
export async function appendChained(
  sql: Sql,
  keyring: ChainKeyring,
  d: LogDescriptor,
  rows: readonly Record<string, unknown>[],
  cadence: CheckpointCadence,
): Promise<number> {
  if (rows.length === 0) return 0;
  const head = await readHead(sql, d.log, true);
  await prepareHead(sql, keyring, head);
  const ids = rows.map((r) => r.id);
  // One round trip for the ids already stored and the highest seq: rows inserted behind the app's
  // back above the head keep their seq (verify reports them), so numbering continues above both.
  const found = (await sql(`SELECT id, NULL AS top FROM ${d.table} WHERE id IN (?) UNION ALL SELECT NULL, MAX(seq) FROM ${d.table}`, [
    ids,
  ])) as Array<{ id: string | null; top: string | number | null }>;
  const existing = new Set<string>(found.flatMap((r) => (r.id === null ? [] : [r.id])));
  const top = Number(found.find((r) => r.id === null)?.top ?? 0);
  const known = d.fingerprinted ? await storedFingerprints(sql, d, rows) : new Set<string>();
  const fresh: Record<string, unknown>[] = [];
  for (const r of rows) {
    if (existing.has(r.id as string)) continue;
    const fingerprint = d.fingerprinted && Buffer.isBuffer(r.fingerprint) ? r.fingerprint.toString('hex') : null;
    if (fingerprint && r.redelivered === true && known.has(fingerprint)) continue;
    existing.add(r.id as string);
    if (fingerprint) known.add(fingerprint);
    fresh.push(r);
  }
  if (fresh.length === 0) return 0;
  let seq = Math.max(head.seq, top);
  let prev = head.hash;
  const columns = d.fingerprinted ? [...d.columns, 'fingerprint'] : d.columns;
  const params: unknown[] = [];
  for (const r of fresh) {
    seq += 1;
    prev = rowHash(keyring.current, prev, d.canonical(r));
    params.push(seq, ...columns.map((c) => r[c] ?? null), prev);
  }
  const placeholders = `(${Array(columns.length + 2)
    .fill('?')
    .join(', ')})`;
  await sql(
    `INSERT INTO ${d.table} (seq, ${columns.join(', ')}, row_hash) VALUES ${Array(fresh.length).fill(placeholders).join(', ')}`,
    params,
  );
  const now = new Date();
  const due = seq - head.checkpointSeq >= cadence.rows || now.getTime() - head.checkpointAt.getTime() >= cadence.minutes * 60_000;
  if (due) await insertCheckpoint(sql, keyring, { log: d.log, seq, hash: prev, kind: 'periodic', at: now });
  await writeHead(sql, keyring, d.log, seq, prev, due ? { seq, at: now } : undefined);
  return fresh.length;
}

/** Fingerprints of the batch's redelivered rows that are already stored (hex). */
async function storedFingerprints(sql: Sql, d: LogDescriptor, rows: readonly Record<string, unknown>[]): Promise<Set<string>> {
  const wanted = rows.filter((r) => r.redelivered === true && Buffer.isBuffer(r.fingerprint)).map((r) => r.fingerprint as Buffer);
  if (wanted.length === 0) return new Set();
  const found = (await sql(`SELECT fingerprint FROM ${d.table} WHERE fingerprint IN (?)`, [wanted])) as Array<{ fingerprint: Buffer }>;
  return new Set(found.map((r) => Buffer.from(r.fingerprint).toString('hex')));
}

@Injectable()
export class ChainWriter {
  private readonly cadence: CheckpointCadence;

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ChainKeyring) private readonly keyring: ChainKeyring,
    @Inject(AUDIT_CONFIG) config: AuditConfig,
  ) {
    this.cadence = { rows: config.auditData.checkpointRows, minutes: config.auditData.checkpointMinutes };
  }

  /** Stores the rows not stored yet, chained; returns how many were new. */
  append(d: LogDescriptor, rows: readonly Record<string, unknown>[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return withSession(this.dataSource, (s) =>
      s.transaction(() => appendChained((q, p) => s.query(q, p), this.keyring, d, rows, this.cadence), 'repeatable'),
    );
  }
}
