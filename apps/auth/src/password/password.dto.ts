import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { SecondFactorFields } from '../two-factor/two-factor.dto.js';

export class ChangePasswordDto extends SecondFactorFields {
  @ApiProperty({ example: 'E100001' })
  @IsString()
  @Length(1, 16)
  employeeId!: string;

  @ApiProperty({ description: 'The current (or initial) password' })
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({
    description: '12 to 128 characters, any characters; not common, not a recent one',
    example: 'a long passphrase of your own',
  })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

export class ChangePasswordResponse {
  @ApiProperty({ example: 'E100001' })
  employeeId!: string;
  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  passwordChangedAt!: string;
}
