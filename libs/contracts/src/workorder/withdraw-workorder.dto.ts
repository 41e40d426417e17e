import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { WorkorderRefDto } from './workorder-ref.dto.js';

export const WORKORDER_WITHDRAW_V1 = 'service.workorder.withdraw.v1';

export class WithdrawWorkorderDto extends WorkorderRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
