import { IsInt, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { AccountFieldsDto } from './account-fields.dto.js';

export const ACCOUNT_UPDATE_V1 = 'sales.account.update.v1';

/** Changes the fields given (`null` clears a nullable one); `version` is the one read, a stale one is 4090. */
export class UpdateAccountDto extends AccountFieldsDto {
  @IsUUID('4')
  accountId: string;

  @IsInt()
  @Min(1)
  version: number;

  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;
}
