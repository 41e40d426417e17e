import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

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

export class ConfirmTwoFactorDto extends EnrollTwoFactorDto {
  @ApiProperty({ description: 'A code from the authenticator app', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class DisableTwoFactorDto extends EnrollTwoFactorDto {
  @ApiProperty({ description: 'A current TOTP code, or one of the recovery codes' })
  @IsString()
  @Length(6, 64)
  code!: string;
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
