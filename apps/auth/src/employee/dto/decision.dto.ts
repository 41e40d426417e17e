import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ApproveEmployeeDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectEmployeeDto {
  @ApiProperty({ maxLength: 500, example: 'duplicate filing' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

/** Disable (offboarding) or re-enable, with an optional reason for the record. */
export class EmployeeStateDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
