import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAIN_LOGS, type ChainLog } from './chain-logs.js';
import type { BreakReason, VerifyResult } from './chain-verifier.js';

const BREAK_REASONS: BreakReason[] = ['edited', 'inserted', 'deleted', 'checkpoint', 'head', 'key-unavailable', 'truncated', 'anchor'];

export class VerifyStartResponse {
  @ApiProperty()
  seq: number;
  @ApiProperty({ description: "the chain's start, a purge or restore anchor, or a checkpoint (from_seq)" })
  kind: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  at: string | null;
  @ApiPropertyOptional()
  note?: string;
}

export class VerifyHeadResponse {
  @ApiProperty()
  seq: number;
}

export class VerifyAnchorResponse {
  @ApiProperty()
  seq: number;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ description: 'the anchor file, relative to AUDIT_BACKUP_DIR' })
  file: string;
}

export class VerifyBreakResponse {
  @ApiProperty()
  seq: number;
  @ApiProperty({ type: String, nullable: true })
  id: string | null;
  @ApiProperty({ enum: BREAK_REASONS })
  reason: BreakReason;
  @ApiProperty()
  detail: string;
}

export class VerifyResponse implements VerifyResult {
  @ApiProperty({ enum: CHAIN_LOGS })
  log: ChainLog;
  @ApiProperty()
  ok: boolean;
  @ApiProperty({ description: 'rows whose hash was recomputed' })
  checked: number;
  @ApiProperty({ type: VerifyStartResponse })
  from: VerifyStartResponse;
  @ApiProperty({ type: VerifyHeadResponse })
  head: VerifyHeadResponse;
  @ApiProperty({
    type: VerifyAnchorResponse,
    nullable: true,
    description: 'the newest anchor outside the database the chain was checked against; null when none',
  })
  anchor: VerifyAnchorResponse | null;
  @ApiPropertyOptional({ description: 'anchor files skipped: signed under a master key that is not configured' })
  anchorNote?: string;
  @ApiProperty({ type: VerifyBreakResponse, nullable: true, description: 'the first edited, inserted or deleted row; null when ok' })
  firstBroken: VerifyBreakResponse | null;
  @ApiProperty()
  ms: number;
}
