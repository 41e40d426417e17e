import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ChainKeyring } from './chain-crypto.js';
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
  ) {}

  verify(log: ChainLog, fromSeq?: number): Promise<VerifyResult> {
    return verifyChain((sql, params) => this.dataSource.query(sql, params), this.keyring, LOGS[log], fromSeq);
  }
}
