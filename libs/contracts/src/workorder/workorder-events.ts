import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  WORKORDER_PRIORITIES,
  WORKORDER_STATUSES,
  WORKORDER_TYPES,
  type WorkorderPriority,
  type WorkorderStatus,
  type WorkorderType,
} from './workorder.types.js';

/** Status events of EOMS work orders on `<ns>.events` (SPEC §2.3, §2.4). Published names are frozen. */
export const WORKORDER_DISPATCHED_V1 = 'service.workorder.dispatched.v1';
export const WORKORDER_ACCEPTED_V1 = 'service.workorder.accepted.v1';
export const WORKORDER_IN_PROGRESS_V1 = 'service.workorder.in-progress.v1';
export const WORKORDER_COMPLETED_V1 = 'service.workorder.completed.v1';
export const WORKORDER_WITHDRAWN_V1 = 'service.workorder.withdrawn.v1';
/** Urging changes no status, but consumers (SLA monitors) want to know. */
export const WORKORDER_URGED_V1 = 'service.workorder.urged.v1';

/** The event published when an order enters each status (routing keys are kebab-case). */
export const WORKORDER_STATUS_EVENTS = {
  dispatched: WORKORDER_DISPATCHED_V1,
  accepted: WORKORDER_ACCEPTED_V1,
  in_progress: WORKORDER_IN_PROGRESS_V1,
  completed: WORKORDER_COMPLETED_V1,
  withdrawn: WORKORDER_WITHDRAWN_V1,
} as const satisfies Readonly<Record<WorkorderStatus, string>>;
export type WorkorderStatusEventPattern = (typeof WORKORDER_STATUS_EVENTS)[WorkorderStatus];

export type WorkorderEventAction = 'dispatch' | 'accept' | 'progress' | 'complete' | 'withdraw' | 'urge';

/**
 * Business fields of every work-order event; the envelope adds `eventId`, `occurredAt` (when the
 * change was committed, not when it was sent) and the acting `caller`.
 */
export interface WorkorderEventData {
  workOrderId: string;
  orderNo: string;
  action: WorkorderEventAction;
  status: WorkorderStatus;
  fromStatus: WorkorderStatus | null;
  urgeCount: number;
  /** Only on dispatched events. */
  type?: WorkorderType;
  priority?: WorkorderPriority;
  deadline?: string;
  /** Only on dispatched events: what the case made of the order needs (docs/service/cases.md). */
  title?: string;
  description?: string;
  customerAccountNo?: string;
  affectedAccountNos?: string[];
}

/** What the work-order-as-case feature validates of these events (unknown fields are dropped). */
export class WorkorderEventDto {
  @IsUUID()
  workOrderId: string;

  @IsString()
  @MaxLength(64)
  orderNo: string;

  @IsString()
  @MaxLength(16)
  action: WorkorderEventAction;

  @IsIn(WORKORDER_STATUSES)
  status: WorkorderStatus;

  @IsOptional()
  @IsIn(WORKORDER_TYPES)
  type?: WorkorderType;

  @IsOptional()
  @IsIn(WORKORDER_PRIORITIES)
  priority?: WorkorderPriority;

  @IsOptional()
  @IsISO8601()
  deadline?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  customerAccountNo?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  affectedAccountNos?: string[];

  @IsOptional()
  @IsInt()
  urgeCount?: number;
}
