import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { WorkorderRefDto } from './workorder-ref.dto.js';

/** Staff-side: the final reply (回单). */
export const WORKORDER_COMPLETE_V1 = 'service.workorder.complete.v1';

export class CompleteWorkorderDto extends WorkorderRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  resolution: string;
}
