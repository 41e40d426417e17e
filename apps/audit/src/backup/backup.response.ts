import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_LOGS, type ChainLog } from '../integrity/chain-logs.js';
import type { BackupItem } from './backup-manifest.js';

export class BackupItemResponse implements BackupItem {
  @ApiProperty()
  id: string;
  @ApiProperty({ enum: CHAIN_LOGS })
  log: ChainLog;
  @ApiProperty({ enum: ['scheduled', 'manual'] })
  kind: 'scheduled' | 'manual';
  @ApiProperty({ enum: ['running', 'completed', 'failed'] })
  status: 'running' | 'completed' | 'failed';
  @ApiProperty({ type: String, nullable: true, description: 'the scheduled period it covers' })
  period: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  rangeFrom: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  rangeTo: string | null;
  @ApiProperty({ type: Number, nullable: true })
  firstSeq: number | null;
  @ApiProperty({ type: Number, nullable: true })
  lastSeq: number | null;
  @ApiProperty()
  rows: number;
  @ApiProperty({ type: String, nullable: true, description: 'file name in AUDIT_BACKUP_DIR' })
  file: string | null;
  @ApiProperty({ type: String, nullable: true })
  sha256: string | null;
  @ApiProperty({ type: Number, nullable: true })
  bytes: number | null;
  @ApiProperty({ description: 'employee ID, or system:backup' })
  requestedBy: string;
  @ApiProperty({ format: 'date-time' })
  startedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  completedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  error: string | null;
}
