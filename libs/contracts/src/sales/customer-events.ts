import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { CUSTOMER_SEGMENTS, type CustomerSegment } from './customer.types.js';

/**
 * What consumers may rely on in `sales.customer.created.v1` and `sales.customer.updated.v1`
 * (besides the envelope's `eventId` and `occurredAt`). The events carry more (the customer view,
 * `changedFields`); a consumer validates only what it uses and ignores the rest, so sales may add
 * fields without breaking anyone. `version` orders the changes of one customer.
 */
export class CustomerChangedEventDto {
  @IsUUID()
  customerId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  accountNo: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsIn(CUSTOMER_SEGMENTS)
  segment: CustomerSegment;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  updatedAt: string;
}
