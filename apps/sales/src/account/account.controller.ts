import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ACCOUNT_CREATE_V1,
  ACCOUNT_GET_V1,
  ACCOUNT_HIERARCHY_V1,
  ACCOUNT_LIST_V1,
  ACCOUNT_UPDATE_V1,
  AccountHierarchyDto,
  CreateAccountDto,
  GetAccountDto,
  ListAccountsDto,
  UpdateAccountDto,
  type AccountHierarchy,
  type AccountPage,
  type AccountView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { AccountService } from './account.service.js';

/** Employees act on accounts through a front end: its caller credentials plus their token. */
@Controller()
export class AccountController {
  constructor(@Inject(AccountService) private readonly accounts: AccountService) {}

  @MessagePattern(ACCOUNT_CREATE_V1)
  @RequirePermission('account.write')
  create(@Payload('payload') dto: CreateAccountDto, @CallContext() ctx: CallContext): Promise<AccountView> {
    return this.accounts.create(dto, ctx);
  }

  @MessagePattern(ACCOUNT_UPDATE_V1)
  @RequirePermission('account.write')
  update(@Payload('payload') dto: UpdateAccountDto, @CallContext() ctx: CallContext): Promise<AccountView> {
    return this.accounts.update(dto, ctx);
  }

  @MessagePattern(ACCOUNT_GET_V1)
  @RequirePermission('account.read')
  get(@Payload('payload') dto: GetAccountDto, @CallContext() ctx: CallContext): Promise<AccountView> {
    return this.accounts.get(dto.accountId, ctx);
  }

  @MessagePattern(ACCOUNT_LIST_V1)
  @RequirePermission('account.read')
  list(@Payload('payload') dto: ListAccountsDto, @CallContext() ctx: CallContext): Promise<AccountPage> {
    return this.accounts.list(dto, ctx);
  }

  @MessagePattern(ACCOUNT_HIERARCHY_V1)
  @RequirePermission('account.read')
  hierarchy(@Payload('payload') dto: AccountHierarchyDto, @CallContext() ctx: CallContext): Promise<AccountHierarchy> {
    return this.accounts.hierarchy(dto.accountId, ctx);
  }
}
