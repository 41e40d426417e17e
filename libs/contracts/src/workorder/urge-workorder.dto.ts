import { IsOptional, IsString, MaxLength } from 'class-validator';
import { WorkorderRefDto } from './workorder-ref.dto.js';

export const WORKORDER_URGE_V1 = 'service.workorder.urge.v1';

export class UrgeWorkorderDto extends WorkorderRefDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
