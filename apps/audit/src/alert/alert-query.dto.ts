import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import type { AlertSeverity } from '@crm/contracts';
import { MAX_PAGE_SIZE, TimeRangeQueryDto, toInt } from '../call-log/call-query.dto.js';
import { ALERT_RULES } from './alert-rules.js';

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

const PREFIX = 'a1.';

/** Opaque keyset cursor over alert.seq (newest first). */
export function encodeAlertCursor(seq: bigint): string {
  return PREFIX + Buffer.from(seq.toString(), 'utf8').toString('base64url');
}

export function decodeAlertCursor(raw: string): bigint | null {
  if (!raw.startsWith(PREFIX) || raw.length > 40) return null;
  const body = raw.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  const text = Buffer.from(body, 'base64url').toString('utf8');
  return /^\d{1,20}$/.test(text) ? BigInt(text) : null;
}

function IsAlertCursor(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isAlertCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeAlertCursor(value) !== null,
        defaultMessage: () => 'cursor must be a nextCursor value returned by this endpoint',
      },
    },
    options,
  );
}

/** `GET /audit/alerts` query; `from` inclusive, `to` exclusive, on the time the alert was raised. */
export class AlertQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: (typeof ALERT_STATUSES)[number];

  @IsOptional()
  @IsIn(ALERT_RULES)
  rule?: string;

  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsAlertCursor()
  cursor?: string;
}

/** `POST /audit/alerts/:id/ack` body. */
export class AcknowledgeAlertDto {
  @IsOptional()
  @IsString()
  @MinLength(0)
  @MaxLength(1000)
  note?: string;
}
