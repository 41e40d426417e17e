import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { AUDIT_CHAIN_ANCHORED_V1, names, type AuditChainAnchoredData } from '@crm/contracts';
import { OutboxWriter } from '@crm/outbox';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { AnchorStore } from './anchor-store.js';
import { signAnchor, type ChainAnchor } from './chain-anchor.js';
import { ChainKeyring, sameBytes } from './chain-crypto.js';
import { headIsAuthentic, readHead, type Sql } from './chain-head.js';
import { CHAIN_LOGS, LOGS, type ChainLog } from './chain-logs.js';
import { hashAt } from './chain-positions.js';
import { withSession } from './driver-session.js';

/**
 * Anchors both hash chains outside the database every AUDIT_ANCHOR_SECONDS (when the head moved):
 * a signed anchor of the head goes to `$AUDIT_BACKUP_DIR/anchors/` and, through the outbox so it
 * is never lost, out as `audit.chain.anchored.v1` for an external archive. Someone who can only
 * change the database can then no longer cut the newest rows and put an older head back unseen:
 * verify compares the chain with the newest anchor. Rows stored after the newest anchor are what
 * such a cut could still take, so the interval bounds that window.
 */
@Injectable()
export class ChainAnchorer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ChainAnchor');
  private readonly store: AnchorStore | null;
  private readonly anchored = new Map<ChainLog, number>();
  private readonly lockPrefix: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ChainKeyring) private readonly keyring: ChainKeyring,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(CRM_CONFIG) config: CrmConfig,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {
    this.store = audit.auditData.backupDir ? new AnchorStore(audit.auditData.backupDir) : null;
    this.lockPrefix = `${names.database(config.namespace, 'audit')}.anchor`;
  }

  onApplicationBootstrap(): void {
    const interval = this.audit.auditData.anchorIntervalMs;
    // First pass soon after start (the head may have moved while the app was down), then every interval.
    this.timer = setTimeout(
      () => {
        void this.tick();
        this.timer = setInterval(() => void this.tick(), interval);
        this.timer.unref();
      },
      Math.min(interval, 2000),
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    for (const log of CHAIN_LOGS) {
      try {
        await this.anchorLog(log);
      } catch (error) {
        this.log.warn({ msg: 'chain not anchored; retried on the next tick', log, err: (error as Error).message });
      }
    }
  }

  /** One replica at a time per log (a MariaDB named lock, released if the process dies); the others skip the tick. */
  private anchorLog(log: ChainLog): Promise<void> {
    return withSession(this.dataSource, async (s) => {
      const name = `${this.lockPrefix}.${log}`;
      const [r] = await s.query('SELECT GET_LOCK(?, 0) AS got', [name]);
      if (Number(r.got) !== 1) return;
      try {
        await this.anchorHead((q, p) => s.query(q, p), log);
      } finally {
        await s.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
      }
    });
  }

  private async anchorHead(sql: Sql, log: ChainLog): Promise<void> {
    const head = await readHead(sql, log);
    if (head.seq === 0) return;
    // Never anchor a position the database cannot back: that would bless a change made behind the app's back.
    if (!headIsAuthentic(head, this.keyring) || !sameBytes(await hashAt(sql, LOGS[log], head.seq), head.hash)) {
      this.log.warn({ msg: 'chain not anchored: its head fails its MAC or names another hash than its newest row; run audit verify', log });
      return;
    }
    const done = Math.max(this.anchored.get(log) ?? 0, (await this.store?.own(log, this.keyring))?.seq ?? 0);
    if (head.seq <= done) return;
    const anchor = signAnchor(this.keyring, log, head.seq, head.hash);
    await this.dataSource.transaction((m) => this.outbox.add(m, AUDIT_CHAIN_ANCHORED_V1, eventData(anchor)));
    this.anchored.set(log, head.seq);
    const file = this.store ? await this.store.write(anchor) : null;
    this.log.debug({ msg: 'chain anchored', log, seq: head.seq, file });
  }
}

function eventData(a: ChainAnchor): AuditChainAnchoredData {
  return { log: a.log, seq: a.seq, hash: a.hash, keyId: a.keyId, at: a.at, anchorMac: a.anchorMac };
}
