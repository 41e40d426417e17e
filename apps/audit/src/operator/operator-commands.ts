import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { CrmError, ErrorCode, names, OperatorExit, type AuditOperatorCommands } from '@crm/contracts';
import { BrokerConnection, EventPublisher } from '@crm/messaging';
import { ChangeRecorder, OutboxRelay, OutboxWriter } from '@crm/outbox';
import { dataSourceOptions, ensureDatabase } from '@crm/persistence';
import { OperatorUsageError, type OperatorHandler, type OperatorHandlers } from '@crm/runtime';
import { CreateOutboundCredential1763880000000, EventMac, type Operator, OutboundCredentialEntity } from '@crm/security';
import type { AuditConfig } from '../audit.config.js';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '../audit.module.js';
import { BackupRunner } from '../backup/backup-runner.js';
import { restoreBackups } from '../backup/restore.js';
import { ChainKeyring } from '../integrity/chain-crypto.js';
import { CHAIN_LOGS, isChainLog, type ChainLog } from '../integrity/chain-logs.js';
import type { VerifyResult } from '../integrity/chain-verifier.js';
import { logEntity, verifyWithAnchors } from '../integrity/integrity.service.js';
import { setMigrationConfig } from '../integrity/migration-context.js';
import { OperatorActionRecorder } from '../operator-auth/operator-action.recorder.js';

function time(name: string, raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) throw new OperatorUsageError(`${name} must be an ISO-8601 time`);
  return d;
}

/** Audit's side of the admin CLI (apps/cli): the audit database, migrated as the app would, and the broker to record actions. */
export class AuditOperatorContext {
  private dataSource?: DataSource;
  private broker?: BrokerConnection;
  readonly keyring: ChainKeyring;
  readonly operator: Operator = { employeeId: `cli:${userInfo().username}`.slice(0, 128), permissions: [] };

  constructor(
    readonly config: CrmConfig,
    readonly audit: AuditConfig,
  ) {
    this.keyring = new ChainKeyring(config.masterKeys);
  }

  async db(): Promise<DataSource> {
    if (!this.dataSource) {
      const target = { databaseUrl: this.config.databaseUrl, database: names.database(this.config.namespace, 'audit') };
      await ensureDatabase(target);
      setMigrationConfig(this.config);
      const ds = new DataSource({
        ...dataSourceOptions(
          target,
          [...AUDIT_ENTITIES, OutboundCredentialEntity],
          [CreateOutboundCredential1763880000000, ...AUDIT_MIGRATIONS],
          4,
        ),
        logging: ['migration'],
      });
      await ds.initialize();
      this.dataSource = ds;
    }
    return this.dataSource;
  }

  /** Records the command in the operation log, like an operator's HTTP call, and sends it at once. */
  async record(log: ChainLog | null, action: string, details: Record<string, unknown>): Promise<void> {
    const ds = await this.db();
    if (!this.broker) {
      this.broker = new BrokerConnection({
        amqpUrls: this.config.amqpUrls,
        namespace: this.config.namespace,
        queueType: this.config.queueType,
        deadQueueBounds: this.config.messaging.deadQueue,
        connectionName: `${this.config.namespace}.audit-cli`,
        sealer: new EventMac(this.config.namespace, this.config.masterKeys),
      });
      await this.broker.waitReady(15_000);
    }
    await new OperatorActionRecorder(new ChangeRecorder('audit', new OutboxWriter(), ds)).record(this.operator, {
      entity: log ? logEntity(log) : 'audit-store',
      entityId: '*',
      action,
      details,
    });
    // What cannot be sent now is left to the audit app's relay.
    await new OutboxRelay(ds, new EventPublisher(this.broker, 10_000)).drain();
  }

  async close(): Promise<void> {
    await this.dataSource?.destroy().catch(() => undefined);
    await this.broker?.close();
  }
}

function logsOf(log: string | undefined): ChainLog[] {
  if (log === undefined) return [...CHAIN_LOGS];
  if (!isChainLog(log)) throw new OperatorUsageError('--log must be calls or operations');
  return [log];
}

/** Failures that are not the store's own refusals are reported as `5000`, as the audit CLI always did. */
function asCrmError<A>(handler: OperatorHandler<A>): OperatorHandler<A> {
  return async (args, emit) => {
    try {
      return await handler(args, emit);
    } catch (error) {
      if (error instanceof CrmError || error instanceof OperatorUsageError) throw error;
      throw new CrmError(ErrorCode.Internal, (error as Error).message);
    }
  };
}

/** One handler per command of `AuditOperatorCommands`. */
export function auditOperatorCommands(ctx: AuditOperatorContext): OperatorHandlers<AuditOperatorCommands> {
  const config = ctx.config;
  return {
    'audit.verify': asCrmError(async (a, emit) => {
      const logs = logsOf(a.log);
      const fromSeq = a.fromSeq;
      if (fromSeq !== undefined && (!Number.isSafeInteger(fromSeq) || fromSeq < 1))
        throw new OperatorUsageError('--from-seq must be a positive whole number');
      const ds = await ctx.db();
      const results: VerifyResult[] = [];
      for (const log of logs)
        results.push(await verifyWithAnchors((q, p) => ds.query(q, p), ctx.keyring, ctx.audit.auditData.backupDir, log, fromSeq));
      for (const r of results) await ctx.record(r.log, 'verify', { fromSeq, ok: r.ok, checked: r.checked, firstBroken: r.firstBroken });
      for (const r of results) emit(r);
      return results.every((r) => r.ok) ? OperatorExit.Ok : OperatorExit.ChainBroken;
    }),
    'audit.backup': asCrmError(async (a, emit) => {
      const logs = logsOf(a.log);
      const from = time('--from', a.from);
      const to = time('--to', a.to);
      if (from && to && to <= from) throw new OperatorUsageError('--to must be later than --from');
      const runner = new BackupRunner(await ctx.db(), ctx.audit.auditData, names.database(config.namespace, 'audit'));
      const items = [];
      for (const log of logs) {
        const o = await runner.runManual(log, from, to, ctx.operator.employeeId);
        await ctx.record(log, 'backup', {
          kind: 'manual',
          rows: o.manifest.rows,
          firstSeq: o.manifest.firstSeq,
          lastSeq: o.manifest.lastSeq,
          file: o.item.file,
          sha256: o.manifest.sha256,
        });
        items.push(o.item);
      }
      for (const item of items) emit(item);
    }),
    'audit.restore': asCrmError(async (a, emit) => {
      const reports = await restoreBackups(await ctx.db(), ctx.keyring, a.path);
      for (const r of reports)
        await ctx.record(r.log, 'restore', { files: r.files, rows: r.rows, firstSeq: r.firstSeq, lastSeq: r.lastSeq });
      for (const r of reports) emit(r);
    }),
  };
}
