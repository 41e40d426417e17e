import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CrmError, ErrorCode, names } from '@crm/contracts';
import { BrokerConnection, EventPublisher } from '@crm/messaging';
import { dataSourceOptions, ensureDatabase } from '@crm/persistence';
import { CreateOutboundCredential1763880000000, type Operator, OutboundCredentialEntity } from '@crm/security';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '../audit.module.js';
import { BackupRunner } from '../backup/backup-runner.js';
import { restoreBackups } from '../backup/restore.js';
import { ChainKeyring } from '../integrity/chain-crypto.js';
import { CHAIN_LOGS, isChainLog, LOGS, type ChainLog } from '../integrity/chain-logs.js';
import { verifyChain, type VerifyResult } from '../integrity/chain-verifier.js';
import { logEntity } from '../integrity/integrity.service.js';
import { setMigrationConfig } from '../integrity/migration-context.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';

export const AUDIT_USAGE = `  audit verify [--log calls|operations] [--from-seq <n>]   (exit 2 when a chain is broken)
  audit backup [--log calls|operations] [--from <ISO>] [--to <ISO>]   (needs AUDIT_BACKUP_DIR)
  audit restore <manifest-or-dir>                          (into an empty audit store)`;

export class AuditUsageError extends Error {}

function out(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function time(name: string, raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) throw new AuditUsageError(`${name} must be an ISO-8601 time`);
  return d;
}

/** The audit app's own database, migrated as the app would, and the broker to record actions. */
class AuditCliContext {
  private dataSource?: DataSource;
  private broker?: BrokerConnection;
  readonly keyring: ChainKeyring;
  readonly operator: Operator = { employeeId: `cli:${userInfo().username}`.slice(0, 128), permissions: [] };

  constructor(readonly config: CrmConfig) {
    this.keyring = new ChainKeyring(config.masterKeys);
  }

  async db(): Promise<DataSource> {
    if (!this.dataSource) {
      const target = { databaseUrl: this.config.databaseUrl, database: names.database(this.config.namespace, 'audit') };
      await ensureDatabase(target);
      setMigrationConfig(this.config);
      const ds = new DataSource({
        ...dataSourceOptions(target, [...AUDIT_ENTITIES, OutboundCredentialEntity], [CreateOutboundCredential1763880000000, ...AUDIT_MIGRATIONS], 4),
        logging: ['migration'],
      });
      await ds.initialize();
      this.dataSource = ds;
    }
    return this.dataSource;
  }

  /** Records the command in the operation log, like an operator's HTTP call. */
  async record(log: ChainLog | null, action: string, details: Record<string, unknown>): Promise<void> {
    if (!this.broker) {
      this.broker = new BrokerConnection({ amqpUrl: this.config.amqpUrl, namespace: this.config.namespace, queueType: this.config.queueType, connectionName: `${this.config.namespace}.audit-cli` });
      await this.broker.waitReady(15_000);
    }
    await new OperatorActionRecorder(new EventPublisher(this.broker, 10_000)).record(this.operator, { entity: log ? logEntity(log) : 'audit-store', entityId: '*', action, details });
  }

  async close(): Promise<void> {
    await this.dataSource?.destroy().catch(() => undefined);
    await this.broker?.close();
  }
}

/** `npm run cli -- audit <verb> ...`; returns the exit code. */
export async function runAuditCli(argv: string[], config: CrmConfig): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { log: { type: 'string' }, 'from-seq': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  const [verb, ...rest] = positionals;
  if (values.log !== undefined && !isChainLog(values.log)) throw new AuditUsageError('--log must be calls or operations');
  const logs: ChainLog[] = values.log ? [values.log as ChainLog] : [...CHAIN_LOGS];
  Logger.overrideLogger(['warn', 'error']);
  const ctx = new AuditCliContext(config);
  try {
    switch (verb) {
      case 'verify': {
        const fromSeq = values['from-seq'] === undefined ? undefined : Number(values['from-seq']);
        if (fromSeq !== undefined && (!Number.isSafeInteger(fromSeq) || fromSeq < 1)) throw new AuditUsageError('--from-seq must be a positive whole number');
        const ds = await ctx.db();
        const results: VerifyResult[] = [];
        for (const log of logs) results.push(await verifyChain((q, p) => ds.query(q, p), ctx.keyring, LOGS[log], fromSeq));
        for (const r of results) await ctx.record(r.log, 'verify', { fromSeq, ok: r.ok, checked: r.checked, firstBroken: r.firstBroken });
        out(values.log ? results[0] : results);
        return results.every((r) => r.ok) ? 0 : 2;
      }
      case 'backup': {
        const from = time('--from', values.from);
        const to = time('--to', values.to);
        if (from && to && to <= from) throw new AuditUsageError('--to must be later than --from');
        const runner = new BackupRunner(await ctx.db(), config.auditData, names.database(config.namespace, 'audit'));
        const items = [];
        for (const log of logs) {
          const o = await runner.runManual(log, from, to, ctx.operator.employeeId);
          await ctx.record(log, 'backup', { kind: 'manual', rows: o.manifest.rows, firstSeq: o.manifest.firstSeq, lastSeq: o.manifest.lastSeq, file: o.item.file, sha256: o.manifest.sha256 });
          items.push(o.item);
        }
        out(items);
        return 0;
      }
      case 'restore': {
        const path = rest[0];
        if (!path) throw new AuditUsageError('missing <manifest-or-dir>');
        const reports = await restoreBackups(await ctx.db(), ctx.keyring, path);
        for (const r of reports) await ctx.record(r.log, 'restore', { files: r.files, rows: r.rows, firstSeq: r.firstSeq, lastSeq: r.lastSeq });
        out(reports);
        return 0;
      }
      default:
        throw new AuditUsageError(`unknown command "audit ${verb ?? ''}"`);
    }
  } catch (error) {
    if (error instanceof CrmError || error instanceof AuditUsageError) throw error;
    throw new CrmError(ErrorCode.Internal, (error as Error).message);
  } finally {
    await ctx.close();
  }
}
