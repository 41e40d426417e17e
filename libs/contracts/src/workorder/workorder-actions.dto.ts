import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const WORKORDER_URGE_V1 = 'service.workorder.urge.v1';
export const WORKORDER_WITHDRAW_V1 = 'service.workorder.withdraw.v1';
export const WORKORDER_QUERY_V1 = 'service.workorder.query.v1';
/** Staff-side transitions (front end or agents acting for the CRM). */
export const WORKORDER_ACCEPT_V1 = 'service.workorder.accept.v1';
export const WORKORDER_PROGRESS_V1 = 'service.workorder.progress.v1';
export const WORKORDER_COMPLETE_V1 = 'service.workorder.complete.v1';

/** Addresses one order by EOMS's `orderNo`. */
export class WorkorderRefDto {
  @IsString() @IsNotEmpty() @MaxLength(64) @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'orderNo may hold letters, digits and . _ : -' })
  orderNo: string;
}

export class UrgeWorkorderDto extends WorkorderRefDto {
  @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export class WithdrawWorkorderDto extends WorkorderRefDto {
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason: string;
}

export class QueryWorkorderDto extends WorkorderRefDto {}

export class AcceptWorkorderDto extends WorkorderRefDto {
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

/** A stage reply (阶段回复): progress reported back to EOMS. */
export class ProgressWorkorderDto extends WorkorderRefDto {
  @IsString() @IsNotEmpty() @MaxLength(4000)
  note: string;
}

/** The final reply (回单). */
export class CompleteWorkorderDto extends WorkorderRefDto {
  @IsString() @IsNotEmpty() @MaxLength(4000)
  resolution: string;
}
