import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SecondFactorFields } from '../two-factor/two-factor.dto.js';

export class ForgotPasswordDto {
  @ApiPropertyOptional({ description: 'E-mail address on file (give this or phone)', example: 'li.lei@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'Phone number on file (give this or email)', example: '+8613800000000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
}

export class ForgotPasswordResponse {
  @ApiProperty({ example: true })
  accepted!: boolean;
  @ApiProperty({ example: 'If an active account matches, a code has been sent to it.' })
  message!: string;
}

export class ResetPasswordDto extends SecondFactorFields {
  @ApiPropertyOptional({ example: 'li.lei@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+8613800000000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiProperty({ description: 'The 6-digit code that was sent', example: '042317' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @ApiProperty({ description: 'The new password (policy and history apply)' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}
