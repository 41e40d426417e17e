import { IsOptional, IsString, MaxLength } from 'class-validator';
import { WorkorderRefDto } from './workorder-ref.dto.js';

/** Staff-side transition (front end or agents acting for the CRM). */
export const WORKORDER_ACCEPT_V1 = 'service.workorder.accept.v1';

export class AcceptWorkorderDto extends WorkorderRefDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
