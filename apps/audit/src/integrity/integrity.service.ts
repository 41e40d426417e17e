import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { AnchorStore } from './anchor-store.js';
import { ChainKeyring } from './chain-crypto.js';
import type { Sql } from './chain-head.js';
import { LOGS, type ChainLog } from './chain-logs.js';
import { verifyChain, type VerifyResult } from './chain-verifier.js';

export function logEntity(log: ChainLog): string {
  return log === 'calls' ? 'call-log' : 'operation-log';
}

@Injectable()
export class IntegrityService {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ChainKeyring) private readonly keyring: ChainKeyring,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {}

  verify(log: ChainLog, fromSeq?: number): Promise<VerifyResult> {
    return verifyWithAnchors(
      (sql, params) => this.dataSource.query(sql, params),
      this.keyring,
      this.audit.auditData.backupDir,
      log,
      fromSeq,
    );
  }
}

/** Verify as operators run it (HTTP and CLI): the chain, then the chain against the newest anchor in the backup directory. */
export async function verifyWithAnchors(
  sql: Sql,
  keyring: ChainKeyring,
  backupDir: string | null,
  log: ChainLog,
  fromSeq?: number,
): Promise<VerifyResult> {
  const anchors = backupDir ? await new AnchorStore(backupDir).lookup(log, keyring) : undefined;
  return verifyChain(sql, keyring, LOGS[log], fromSeq, anchors);
}
