import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PHONE_MESSAGE, PHONE_RE, ROLE_NAME_MESSAGE, ROLE_NAME_RE } from './employee-fields.js';

/** A new employee, filed by a manager or administrator; waits for another administrator's approval. */
export class FileEmployeeDto {
  @ApiProperty({ example: 'Wang Fang', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

  @ApiPropertyOptional({ example: 'Customer Service', maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  department?: string;

  @ApiPropertyOptional({ example: 'Agent', maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  position?: string;

  @ApiPropertyOptional({ example: '+86 138 0013 8000', description: 'phone or email is required' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_RE, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ example: 'wang.fang@example.com', description: 'phone or email is required' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ example: ['service-agent'], type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ROLE_NAME_RE, { each: true, message: ROLE_NAME_MESSAGE })
  roles: string[];
}
