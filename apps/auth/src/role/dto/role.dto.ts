import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLE_NAME_MESSAGE, ROLE_NAME_RE } from '../../employee/dto/employee-fields.js';

const PERMISSION_RE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const PERMISSION_MESSAGE = 'each permission must look like area.verb';

export class CreateRoleDto {
  @ApiProperty({ example: 'team-lead' })
  @Matches(ROLE_NAME_RE, { message: ROLE_NAME_MESSAGE })
  name: string;

  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiProperty({ example: ['account.read', 'workorder.read'], type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(PERMISSION_RE, { each: true, message: PERMISSION_MESSAGE })
  permissions: string[];

  @ApiPropertyOptional({ default: false, description: 'holders must present a TOTP code at login' })
  @IsOptional()
  @IsBoolean()
  twoFactorRequired?: boolean;
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ maxLength: 255, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  twoFactorRequired?: boolean;
}

/** The role's complete permission set after the change. */
export class SetRolePermissionsDto {
  @ApiProperty({ example: ['account.read'], type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(PERMISSION_RE, { each: true, message: PERMISSION_MESSAGE })
  permissions: string[];
}
