import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import { skipRestoredCalls } from '../alert/alert.repository.js';
import { rowHash, sameBytes, type ChainKeyring } from '../integrity/chain-crypto.js';
import { insertCheckpoint, readHead, writeHead, type Sql } from '../integrity/chain-head.js';
import { isChainLog, LOGS, type ChainLog } from '../integrity/chain-logs.js';
import { storedColumns } from '../integrity/chain-rows.js';
import { withSession } from '../integrity/driver-session.js';
import { MANIFEST_FORMAT, MANIFEST_SUFFIX, type BackupManifest } from './backup-manifest.js';
import { recordToRow } from './backup-rows.js';

interface Located {
  manifest: BackupManifest;
  path: string;
}

export interface RestoreReport {
  log: ChainLog;
  files: number;
  rows: number;
  firstSeq: number;
  lastSeq: number;
}

const BATCH = 1000;

async function collectManifests(path: string): Promise<Located[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new CrmError(ErrorCode.NotFound, `no such file or directory: ${path}`);
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.name.endsWith(MANIFEST_SUFFIX) && !entry.name.startsWith('.')) files.push(p);
    }
  };
  if (info.isDirectory()) await walk(path);
  else files.push(path);
  const located: Located[] = [];
  for (const file of files) {
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(await readFile(file, 'utf8')) as BackupManifest;
    } catch {
      throw new CrmError(ErrorCode.Malformed, `${file} is not a backup manifest (not JSON)`);
    }
    if (
      manifest?.format !== MANIFEST_FORMAT ||
      !isChainLog(manifest.log) ||
      typeof manifest.file !== 'string' ||
      manifest.file.includes('/')
    ) {
      throw new CrmError(ErrorCode.Malformed, `${file} is not a ${MANIFEST_FORMAT} manifest`);
    }
    located.push({ manifest, path: join(dirname(file), manifest.file) });
  }
  if (located.length === 0) throw new CrmError(ErrorCode.NotFound, `no backup manifests (*${MANIFEST_SUFFIX}) under ${path}`);
  return located;
}

/** Backups of one log that together hold one contiguous segment (overlaps allowed, gaps refused). */
function coveringSet(log: ChainLog, all: Located[]): Located[] {
  const sorted = all
    .filter((l) => l.manifest.log === log && l.manifest.rows > 0 && l.manifest.firstSeq !== null && l.manifest.lastSeq !== null)
    .sort((a, b) => a.manifest.firstSeq! - b.manifest.firstSeq! || b.manifest.lastSeq! - a.manifest.lastSeq!);
  const chosen: Located[] = [];
  let end = -1;
  for (const l of sorted) {
    const { firstSeq, lastSeq } = l.manifest as { firstSeq: number; lastSeq: number };
    if (chosen.length > 0 && lastSeq <= end) continue;
    if (chosen.length > 0 && firstSeq > end + 1) {
      throw new CrmError(
        ErrorCode.Conflict,
        `the ${log} backups leave seq ${end + 1}–${firstSeq - 1} uncovered; add the missing backup files`,
      );
    }
    chosen.push(l);
    end = lastSeq;
  }
  return chosen;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function* recordsOf(path: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as Record<string, unknown>;
}

async function restoreLog(sql: Sql, keyring: ChainKeyring, log: ChainLog, files: Located[]): Promise<RestoreReport> {
  const d = LOGS[log];
  const head = await readHead(sql, log, true);
  const [any] = await sql(`SELECT seq FROM ${d.table} LIMIT 1`);
  if (head.seq !== 0 || any)
    throw new CrmError(ErrorCode.Conflict, `the ${log} log is not empty (head at seq ${head.seq}); restore only loads into an empty store`);
  const segments = new Map<number, string>();
  for (const f of files) for (const k of f.manifest.keys) segments.set(k.fromSeq, k.keyId);
  const keyAt = (seq: number) => {
    let id = '';
    for (const [from, keyId] of [...segments.entries()].sort((a, b) => a[0] - b[0])) if (from <= seq) id = keyId;
    return id;
  };
  for (const keyId of new Set(segments.values())) {
    if (!keyring.get(keyId))
      throw new CrmError(
        ErrorCode.Conflict,
        `the ${log} backups were chained under master key "${keyId}", which is not configured (CRM_MASTER_KEY_PREVIOUS)`,
      );
  }
  const first = files[0].manifest;
  let expected = first.firstSeq as number;
  let prev: Buffer = Buffer.from(first.prevHash, 'hex');
  await insertCheckpoint(sql, keyring, { log, seq: expected - 1, hash: prev, kind: 'restore', keyId: keyAt(expected) });
  const columns = storedColumns(d);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await sql(`INSERT INTO ${d.table} (${columns.join(', ')}) VALUES ${batch.map(() => placeholders).join(', ')}`, batch.flat());
    batch = [];
  };
  let rows = 0;
  for (const f of files) {
    for await (const record of recordsOf(f.path)) {
      const row = recordToRow(d, record);
      const seq = Number(row.seq);
      if (seq < expected) continue; // overlap with the previous file
      if (seq !== expected) throw new CrmError(ErrorCode.Conflict, `${f.manifest.file}: seq ${expected} is missing`);
      const keyId = keyAt(seq);
      const hash = rowHash(keyring.get(keyId)!, prev, d.canonical(row));
      if (!sameBytes(hash, row.row_hash as Buffer))
        throw new CrmError(ErrorCode.Conflict, `${f.manifest.file}: row seq ${seq} does not match its hash (the backup was changed)`);
      batch.push(columns.map((c) => row[c]));
      prev = hash;
      expected = seq + 1;
      rows += 1;
      if (segments.has(seq + 1) && keyAt(seq + 1) !== keyId) {
        await flush();
        await insertCheckpoint(sql, keyring, { log, seq, hash, kind: 'rekey', keyId: keyAt(seq + 1) });
      }
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  const lastSeq = expected - 1;
  await writeHead(sql, keyring, log, lastSeq, prev, { seq: lastSeq, at: new Date() }, keyAt(lastSeq));
  if (log === 'calls') await skipRestoredCalls(sql, lastSeq);
  return { log, files: files.length, rows, firstSeq: first.firstSeq as number, lastSeq };
}

/**
 * Loads backups into an empty store (SPEC §4.3): every selected file's sha256 is checked before
 * anything is written, rows keep their seq and hashes, each row is re-hashed on the way in (a file
 * edited together with its manifest is refused), and a `restore` checkpoint anchors the segment so
 * the result verifies. Each log loads in one transaction holding its chain head, so the ingest of
 * a running audit app waits (its events stay queued) instead of interleaving.
 */
export async function restoreBackups(dataSource: DataSource, keyring: ChainKeyring, path: string): Promise<RestoreReport[]> {
  const all = await collectManifests(path);
  const plan = (['calls', 'operations'] as ChainLog[])
    .map((log) => ({ log, files: coveringSet(log, all) }))
    .filter((p) => p.files.length > 0);
  if (plan.length === 0) throw new CrmError(ErrorCode.NotFound, `the backups under ${path} hold no rows`);
  for (const { files } of plan) {
    for (const f of files) {
      const actual = await sha256Of(f.path).catch(() => {
        throw new CrmError(ErrorCode.NotFound, `${f.path} is missing`);
      });
      if (actual !== f.manifest.sha256)
        throw new CrmError(ErrorCode.Conflict, `${f.manifest.file}: sha256 does not match its manifest; nothing was restored`);
    }
  }
  const reports: RestoreReport[] = [];
  for (const { log, files } of plan) {
    reports.push(await withSession(dataSource, (s) => s.transaction(() => restoreLog((q, p) => s.query(q, p), keyring, log, files))));
  }
  return reports;
}
