import { ApiProperty } from '@nestjs/swagger';
import type { AlertSeverity } from '@crm/contracts';
import { ALERT_SEVERITIES, ALERT_STATUSES } from './alert-query.dto.js';
import type { AlertItem } from './alert.mapper.js';
import type { AlertStatus } from './alert.repository.js';

/** The HTTP answer's schema of one alert (one incident; repeats add occurrences). */
export class AlertItemResponse implements AlertItem {
  @ApiProperty()
  id: string;
  @ApiProperty({ example: 'auth-failures' })
  rule: string;
  @ApiProperty({ enum: ALERT_SEVERITIES })
  severity: AlertSeverity;
  @ApiProperty({ enum: ALERT_STATUSES })
  status: AlertStatus;
  @ApiProperty({ description: 'what the alert is about, e.g. the caller', example: 'EOMS' })
  subject: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the figures that fired the rule' })
  details: Record<string, unknown>;
  @ApiProperty()
  occurrences: number;
  @ApiProperty({ format: 'date-time' })
  firstSeenAt: string;
  @ApiProperty({ format: 'date-time' })
  lastSeenAt: string;
  @ApiProperty({ format: 'date-time' })
  raisedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  acknowledgedBy: string | null;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ description: 'audit.alert.raised.v1 has been published' })
  published: boolean;
}
