import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { ROLE_NAME_MESSAGE, ROLE_NAME_RE } from './employee-fields.js';

/** The employee's complete role set after the change. */
export class SetEmployeeRolesDto {
  @ApiProperty({ example: ['sales', 'manager'], type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ROLE_NAME_RE, { each: true, message: ROLE_NAME_MESSAGE })
  roles: string[];
}
