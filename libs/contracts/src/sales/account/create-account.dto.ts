import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AccountFieldsDto } from './account-fields.dto.js';
import { ACCOUNT_NO_RE } from './account.types.js';

export const ACCOUNT_CREATE_V1 = 'sales.account.create.v1';

/**
 * A new account. Without `territoryId` the territory rules place it (and name its owner unless
 * `ownerId` is given); the owner is otherwise the creator. Without `accountNo` one is generated.
 */
export class CreateAccountDto extends AccountFieldsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  @Matches(ACCOUNT_NO_RE, { message: 'accountNo may hold letters, digits and . _ -' })
  accountNo?: string;

  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;
}
