import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Sql } from '../integrity/chain-head.js';
import type { LogDescriptor } from '../integrity/chain-logs.js';
import { hashAt, keySegments } from '../integrity/chain-positions.js';
import { rowsInSeqOrder } from '../integrity/chain-rows.js';
import { MANIFEST_FORMAT, MANIFEST_SUFFIX, type BackupManifest } from './backup-manifest.js';
import { rowToRecord } from './backup-rows.js';

/** Audit rows are evidence and personal data: owner and group only. */
const FILE_MODE = 0o640;

export interface BackupSpec {
  id: string;
  d: LogDescriptor;
  kind: BackupManifest['kind'];
  period: BackupManifest['period'];
  range: BackupManifest['range'];
  /** The segment (afterSeq, lastSeq]. */
  afterSeq: number;
  lastSeq: number;
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function backupName(s: BackupSpec): string {
  const label = s.period ? `${s.period.unit}-${stamp(s.period.start)}` : `manual-${stamp(new Date().toISOString())}-${s.id.slice(0, 8)}`;
  return `${s.d.log}-${label}-seq${s.afterSeq + 1}-${s.lastSeq}`;
}

/**
 * Writes one backup: the chain segment as gzip NDJSON (one stored row per line, seq order) plus
 * its manifest, each written to a temporary name and renamed, so a reader never sees half a file.
 */
export async function writeBackupFiles(sql: Sql, dir: string, s: BackupSpec): Promise<BackupManifest> {
  const folder = join(dir, s.d.log);
  await mkdir(folder, { recursive: true, mode: 0o750 });
  const name = backupName(s);
  const file = `${name}.ndjson.gz`;
  const tmp = join(folder, `.${file}.${randomUUID()}.tmp`);
  const sha = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let firstHash: string | null = null;
  let lastHash: string | null = null;
  const d = s.d;
  async function* lines(): AsyncGenerator<string> {
    for await (const row of rowsInSeqOrder(sql, d, s.afterSeq, s.lastSeq)) {
      const record = rowToRecord(d, row);
      rows += 1;
      firstSeq ??= record.seq as number;
      firstHash ??= record.row_hash as string;
      lastSeq = record.seq as number;
      lastHash = record.row_hash as string;
      yield `${JSON.stringify(record)}\n`;
    }
  }
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(lines()), createGzip(), tap, createWriteStream(tmp, { flags: 'wx', mode: FILE_MODE }));
    await rename(tmp, join(folder, file));
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const prev = await hashAt(sql, d, s.afterSeq);
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    id: s.id,
    log: d.log,
    kind: s.kind,
    period: s.period,
    range: s.range,
    rows,
    firstSeq,
    lastSeq,
    prevHash: (prev ?? Buffer.alloc(32)).toString('hex'),
    firstHash,
    lastHash,
    keys: await keySegments(sql, d.log, s.afterSeq, s.lastSeq),
    file,
    sha256: sha.digest('hex'),
    bytes,
    createdAt: new Date().toISOString(),
  };
  const manifestTmp = join(folder, `.${name}${MANIFEST_SUFFIX}.${randomUUID()}.tmp`);
  await writeFile(manifestTmp, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: FILE_MODE });
  await rename(manifestTmp, join(folder, `${name}${MANIFEST_SUFFIX}`));
  return manifest;
}
