import { IsUUID } from 'class-validator';

/** The account's ancestors (root first) and direct children, each only if within the caller's scope. */
export const ACCOUNT_HIERARCHY_V1 = 'sales.account.hierarchy.v1';

export class AccountHierarchyDto {
  @IsUUID('4')
  accountId: string;
}
