import { Inject, Injectable, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify';
import type { DataSource } from 'typeorm';
import { DriverSession } from '../integrity/driver-session.js';
import { buildExportQuery } from './export-query.builder.js';
import type { ExportQueryDto } from './export-query.dto.js';
import { CSV_COLUMNS, csvRecord, exportItem } from './export-rows.js';

/** Rows the driver may buffer ahead of a slow client. */
const HIGH_WATER_MARK = 256;
/** A slow download may leave the server waiting to write; the default 60 s would cut it off. */
const NET_WRITE_TIMEOUT_SECONDS = 3600;

export interface ExportOutcome {
  rows: number;
  completed: boolean;
}

export function exportFileName(q: ExportQueryDto): string {
  const part = (v?: string) => (v ? v.replace(/[^0-9A-Za-z]/g, '') : 'all');
  return `audit-${q.log}-${part(q.from)}-${part(q.to)}.${q.format ?? 'ndjson'}${q.gzip ? '.gz' : ''}`;
}

/**
 * Streams one export from a single SELECT through the driver's row stream into the HTTP response
 * with backpressure all the way: a slow client pauses the socket, the row stream pauses the
 * connection, MariaDB waits. Memory stays constant whatever the range. A client that goes away
 * ends the pipeline; the query is then killed on the server (KILL QUERY) and the connection
 * drained before it goes back to the pool.
 */
@Injectable()
export class ExportService {
  private readonly log = new Logger('Export');

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {}

  async stream(q: ExportQueryDto, res: Response): Promise<ExportOutcome> {
    const { sql, params } = buildExportQuery(q);
    const format = q.format ?? 'ndjson';
    const session = await DriverSession.open(this.dataSource);
    let rows = 0;
    let ended = false;
    try {
      await session.query(`SET SESSION net_write_timeout = ${NET_WRITE_TIMEOUT_SECONDS}`);
      const query = session.connection.query(sql, params) as unknown as NodeJS.EventEmitter & {
        stream(o: { highWaterMark: number }): Readable;
      };
      const finished = new Promise<void>((resolve) => {
        query.once('end', () => {
          ended = true;
          resolve();
        });
        query.once('error', () => resolve());
      });
      const source = query.stream({ highWaterMark: HIGH_WATER_MARK });
      // The killed statement's error can arrive after the pipeline has let go of the stream.
      source.on('error', () => undefined);
      const toItem = new Transform({
        objectMode: true,
        transform(row: Record<string, unknown>, _enc, done) {
          rows += 1;
          const item = exportItem(q.log, row);
          done(null, format === 'csv' ? csvRecord(q.log, item, q.raw === true) : `${JSON.stringify(item)}\n`);
        },
      });
      res.status(200);
      res.setHeader(
        'Content-Type',
        q.gzip ? 'application/gzip' : format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      );
      res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(q)}"`);
      res.setHeader('Cache-Control', 'no-store');
      const stages: Array<Readable | Writable | Transform> = [source, toItem];
      if (format === 'csv') stages.push(stringify({ header: true, columns: CSV_COLUMNS[q.log] }));
      if (q.gzip) stages.push(createGzip());
      try {
        await pipeline([...stages, res] as unknown as [Readable, Writable]);
        return { rows, completed: true };
      } catch (error) {
        if (!ended) await this.stopQuery(session, finished);
        if (!res.headersSent) throw error;
        res.destroy();
        this.log.warn({ msg: 'export ended early', log: q.log, rows, reason: (error as Error).message });
        return { rows, completed: false };
      }
    } finally {
      await session.query('SET SESSION net_write_timeout = DEFAULT').catch(() => undefined);
      await session.release();
    }
  }

  /** Kills the running statement from another connection, then lets the paused connection read to the end. */
  private async stopQuery(session: DriverSession, finished: Promise<void>): Promise<void> {
    const threadId = session.connection.threadId;
    if (threadId !== null) await this.dataSource.query(`KILL QUERY ${Number(threadId)}`).catch(() => undefined);
    (session.connection as unknown as { resume(): void }).resume();
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref()),
    ]);
    if (timedOut) (session.connection as unknown as { destroy(): void }).destroy();
  }
}
