import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

export class EnrollTwoFactorDto {
  @ApiProperty({ example: 'E100001' })
  @IsString()
  @Length(1, 16)
  employeeId!: string;

  @ApiProperty({ description: 'The current password (re-authentication)' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

/**
 * The code is `totp`, as at login, password change and reset; `code`, its name before, is still
 * accepted (read only when `totp` is absent).
 */
export class ConfirmTwoFactorDto extends EnrollTwoFactorDto {
  @ApiPropertyOptional({ description: 'A current code from the authenticator app (required unless `code` is sent)', example: '123456' })
  @ValidateIf((o: ConfirmTwoFactorDto) => o.code === undefined)
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be 6 digits' })
  totp?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'The former name of `totp`, still accepted' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code?: string;
}

/** Like a login: `totp` (or a recovery code in it) or `recoveryCode`; `code`, the former name of either, is still accepted. */
export class DisableTwoFactorDto extends EnrollTwoFactorDto {
  @ApiPropertyOptional({ description: 'A current TOTP code (or a recovery code)', example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  totp?: string;

  @ApiPropertyOptional({ description: 'A recovery code instead of a TOTP code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'The former name of `totp` (a TOTP or a recovery code), still accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;
}

export class EnrollTwoFactorResponse {
  @ApiProperty({ example: 'otpauth://totp/CRM:E100001?secret=…&issuer=CRM&algorithm=SHA1&digits=6&period=30' })
  otpauthUri!: string;
  @ApiProperty({ description: 'Base32 secret for manual entry; shown this once' })
  secret!: string;
  @ApiProperty({ description: 'The otpauth URI as a PNG QR code (data URL)' })
  qrCode!: string;
}

export class ConfirmTwoFactorResponse {
  @ApiProperty({ type: [String], description: '10 single-use recovery codes; shown this once' })
  recoveryCodes!: string[];
}

/** The optional second factor on login, password change and reset. */
export class SecondFactorFields {
  @ApiPropertyOptional({ description: 'TOTP code (or a recovery code) when two-factor authentication is on', example: '123456' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  totp?: string;

  @ApiPropertyOptional({ description: 'A recovery code instead of a TOTP code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;
}
