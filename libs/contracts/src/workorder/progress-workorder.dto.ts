import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { WorkorderRefDto } from './workorder-ref.dto.js';

/** Staff-side: a stage reply (阶段回复), progress reported back to EOMS. */
export const WORKORDER_PROGRESS_V1 = 'service.workorder.progress.v1';

export class ProgressWorkorderDto extends WorkorderRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note: string;
}
