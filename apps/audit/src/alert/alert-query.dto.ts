import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { AlertSeverity } from '@crm/contracts';
import { PageQuery, TimeRangeDto } from '@crm/persistence';
import { AUDIT_PAGE } from '../log-query/log-list.js';
import { ALERT_RULES } from './alert-rules.js';

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** `GET /audit/alerts` query; `from` inclusive, `to` exclusive, on the time the alert was raised. */
export class AlertQueryDto extends PageQuery(AUDIT_PAGE, TimeRangeDto) {
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: (typeof ALERT_STATUSES)[number];

  @IsOptional()
  @IsIn(ALERT_RULES)
  rule?: string;

  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;
}

/** `POST /audit/alerts/:id/ack` body. */
export class AcknowledgeAlertDto {
  @IsOptional()
  @IsString()
  @MinLength(0)
  @MaxLength(1000)
  note?: string;
}
