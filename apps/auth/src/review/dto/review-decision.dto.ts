import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLE_NAME_MESSAGE, ROLE_NAME_RE } from '../../employee/dto/employee-fields.js';

export class ReviewDecisionDto {
  @ApiProperty({ enum: ['confirm', 'revoke'] })
  @IsIn(['confirm', 'revoke'])
  decision: 'confirm' | 'revoke';

  @ApiProperty({ maxLength: 1000, example: 'still on the billing project' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'revoke only: remove just these roles; without it, revoke disables the employee',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(ROLE_NAME_RE, { each: true, message: ROLE_NAME_MESSAGE })
  roles?: string[];
}
