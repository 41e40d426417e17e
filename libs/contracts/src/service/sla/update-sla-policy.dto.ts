import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SLA_TIER_RE, SlaTargetsDto } from './sla.types.js';

export const SERVICE_SLA_POLICY_UPDATE_V1 = 'service.sla-policy.update.v1';

/**
 * Replaces the fields given. Open cases keep the targets they started with until their priority
 * changes (which re-targets them on the policy as it is then).
 */
export class UpdateSlaPolicyDto {
  @IsUUID('4')
  slaPolicyId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  /** `true` makes it the default; `false` is refused on the default (make another one the default). */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SLA_TIER_RE, { each: true, message: 'each tier must be lower-case letters, digits and dashes' })
  tiers?: string[];

  @IsOptional()
  @IsUUID('4')
  calendarId?: string;

  /** null goes back to `SERVICE_SLA_WARNING_PERCENT`. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(99)
  warningPercent?: number | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets?: SlaTargetsDto;
}
