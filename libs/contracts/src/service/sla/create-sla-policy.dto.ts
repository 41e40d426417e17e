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
  ValidateNested,
} from 'class-validator';
import { SLA_TIER_RE, SlaTargetsDto } from './sla.types.js';

export const SERVICE_SLA_POLICY_CREATE_V1 = 'service.sla-policy.create.v1';

export class CreateSlaPolicyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Makes this the default policy (the previous default stops being one). */
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(SLA_TIER_RE, { each: true, message: 'each tier must be lower-case letters, digits and dashes' })
  tiers?: string[];

  @IsUUID('4')
  calendarId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  warningPercent?: number;

  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets: SlaTargetsDto;
}
