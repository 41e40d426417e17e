import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_CREATED_V1,
  ACCOUNT_UPDATED_V1,
  CrmError,
  ErrorCode,
  type AccountHierarchy,
  type AccountPage,
  type AccountView,
  type CreateAccountDto,
  type ListAccountsDto,
  type UpdateAccountDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, duplicateKeyName, isDuplicateKey, ListCursorCodec, retryOnDeadlock, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { TerritoryPlacement, type Placement } from '../territory/territory-placement.js';
import { normalizeAccountName } from './account-name.js';
import type { AccountEntity } from './account.entity.js';
import { ACCOUNT_SENSITIVE, toAccountEvent, toAccountView } from './account.mapper.js';
import { ACCOUNT_LIST, AccountRepository, MAX_HIERARCHY_DEPTH } from './account.repository.js';

const EDITABLE = [
  'name',
  'registrationNo',
  'industryCode',
  'regionCode',
  'segment',
  'parentId',
  'ownerId',
  'territoryId',
  'phone',
  'email',
] as const;
type Editable = (typeof EDITABLE)[number];

/** The unique keys of `account` and the field each protects, for the 4090 that names the holder. */
const DUPLICATE_KEYS: Record<string, 'registrationNo' | 'name' | 'accountNo'> = {
  uq_account_registration_no: 'registrationNo',
  uq_account_name_region: 'name',
  uq_account_account_no: 'accountNo',
};

/** What an insert or update would store under the duplicate keys. */
export interface Candidate {
  accountNo: string;
  registrationNo: string | null;
  normalizedName: string;
  regionCode: string | null;
}

const invalid = (field: string, reason: string) =>
  new CrmError(ErrorCode.ValidationFailed, `${field}: ${reason}`, [{ field, reasons: [reason] }]);

/**
 * Accounts (the former customers). Each change records its operation-log entry and its business
 * event in its own transaction (ChangeRecorder). Every read and write sees only accounts in the
 * employee's data scope (others are 4040, as if missing), and every reply passes through the view's
 * field protection; an unmasked read is itself logged. Duplicates are refused by the table's unique
 * keys (so also between concurrent creates) and answered with the account that holds the key.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(AccountRepository) private readonly accounts: AccountRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
    @Inject(TerritoryPlacement) private readonly placement: TerritoryPlacement,
  ) {}

  async create(dto: CreateAccountDto, ctx: CallContext): Promise<AccountView> {
    actingEmployee(ctx);
    if (dto.ownerId !== undefined) this.assertOwnerInScope(dto.ownerId, ctx);
    const candidate = AccountService.candidateOf(dto);
    return this.refuseDuplicates(candidate, () =>
      retryOnDeadlock(() =>
        this.dataSource.transaction(async (m) => {
          const row = await this.createIn(m, dto, candidate, ctx);
          return (await this.shown(m, ctx, [toAccountView(row)]))[0]!;
        }),
      ),
    );
  }

  /** The candidate (duplicate keys) of a new account from its create payload. */
  static candidateOf(dto: Pick<CreateAccountDto, 'accountNo' | 'registrationNo' | 'name' | 'regionCode'>): Candidate {
    return {
      accountNo: dto.accountNo ?? `ACC-${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      registrationNo: dto.registrationNo ?? null,
      normalizedName: normalizeAccountName(dto.name.trim()),
      regionCode: dto.regionCode ?? null,
    };
  }

  /**
   * Creates the account in `m`'s transaction with its operation-log entry and event (also the lead
   * conversion's path). A duplicate fails on the table's unique keys.
   */
  async createIn(m: EntityManager, dto: CreateAccountDto, candidate: Candidate, ctx: CallContext): Promise<AccountEntity> {
    const employeeId = actingEmployee(ctx);
    const name = dto.name.trim();
    const segment = dto.segment ?? 'business';
    if (dto.parentId) await this.checkedParent(m, ctx, dto.parentId, null);
    // No territory named: the territory rules place it, and name the owner unless the payload does.
    let placement: Placement | null = null;
    if (!dto.territoryId)
      placement = await this.placement.place(m, {
        regionCode: candidate.regionCode,
        industryCode: dto.industryCode ?? null,
        segment,
      });
    const row = await this.accounts.insert(m, {
      id: randomUUID(),
      ...candidate,
      name,
      industryCode: dto.industryCode ?? null,
      segment,
      parentId: dto.parentId ?? null,
      ownerId: dto.ownerId ?? placement?.ownerId ?? employeeId,
      territoryId: dto.territoryId ?? placement?.territoryId ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      createdBy: employeeId,
      updatedBy: employeeId,
    });
    const after: Record<string, unknown> = { accountNo: row.accountNo, ...pick(row) };
    if (placement) after.placementRuleId = placement.ruleId;
    await this.changes.record(m, ctx, {
      entity: 'account',
      entityId: row.id,
      action: 'create',
      before: null,
      after,
      event: { pattern: ACCOUNT_CREATED_V1, data: toAccountEvent(row), stream: `account:${row.id}` },
    });
    return row;
  }

  async update(dto: UpdateAccountDto, ctx: CallContext): Promise<AccountView> {
    const employeeId = actingEmployee(ctx);
    let candidate: Candidate | null = null;
    return this.refuseDuplicates(
      () => candidate,
      () =>
        retryOnDeadlock(() =>
          this.dataSource.transaction(async (m) => {
            const before = await this.accounts.findById(dto.accountId, ctx.scope, m, true);
            if (!before) throw new CrmError(ErrorCode.NotFound, `account ${dto.accountId} not found`);
            if (before.version !== dto.version)
              throw new CrmError(
                ErrorCode.Conflict,
                `stale version: account ${before.id} is at version ${before.version}, not ${dto.version}`,
              );
            const patch: Partial<AccountEntity> = {};
            for (const f of EDITABLE) {
              const value = f === 'name' && dto.name !== undefined ? dto.name.trim() : dto[f];
              if (value !== undefined && value !== before[f]) (patch as Record<string, unknown>)[f] = value;
            }
            if (Object.keys(patch).length === 0) return (await this.shown(m, ctx, [toAccountView(before)]))[0]!;
            if (patch.ownerId !== undefined) this.assertOwnerInScope(patch.ownerId, ctx);
            if (patch.parentId) await this.checkedParent(m, ctx, patch.parentId, before.id);
            if (patch.name !== undefined) patch.normalizedName = normalizeAccountName(patch.name);
            // A renamed or moved legacy duplicate is held to the rule again.
            if (patch.normalizedName !== undefined && patch.normalizedName !== before.normalizedName) patch.legacyDuplicate = 0;
            if (patch.regionCode !== undefined) patch.legacyDuplicate = 0;
            if (patch.normalizedName === before.normalizedName) delete patch.normalizedName;
            candidate = {
              accountNo: before.accountNo,
              registrationNo: patch.registrationNo !== undefined ? patch.registrationNo : before.registrationNo,
              normalizedName: patch.normalizedName ?? before.normalizedName,
              regionCode: patch.regionCode !== undefined ? patch.regionCode : before.regionCode,
            };
            const after = await this.accounts.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
            const changedFields = EDITABLE.filter((f) => f in patch);
            await this.changes.record(m, ctx, {
              entity: 'account',
              entityId: after.id,
              action: 'update',
              before: pick(before),
              after: pick(after),
              event: { pattern: ACCOUNT_UPDATED_V1, data: { ...toAccountEvent(after), changedFields }, stream: `account:${after.id}` },
            });
            return (await this.shown(m, ctx, [toAccountView(after)]))[0]!;
          }),
        ),
    );
  }

  async get(accountId: string, ctx: CallContext): Promise<AccountView> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.accounts.findById(accountId, ctx.scope, m);
      if (!a) throw new CrmError(ErrorCode.NotFound, `account ${accountId} not found`);
      return (await this.shown(m, ctx, [toAccountView(a)]))[0]!;
    });
  }

  async list(q: ListAccountsDto, ctx: CallContext): Promise<AccountPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(ACCOUNT_LIST, q.cursor);
    return this.dataSource.transaction(async (m) => {
      const page = toPage(ACCOUNT_LIST, this.cursors, await this.accounts.list(q, limit, position, ctx.scope, m), limit, toAccountView);
      return { ...page, items: await this.shown(m, ctx, page.items) };
    });
  }

  /** The account, its ancestors root first and its direct children (up to 200), each only if within the scope. */
  async hierarchy(accountId: string, ctx: CallContext): Promise<AccountHierarchy> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.accounts.findById(accountId, ctx.scope, m);
      if (!a) throw new CrmError(ErrorCode.NotFound, `account ${accountId} not found`);
      const ids = await this.accounts.ancestorIds(a.id, m);
      const visible = new Map((await this.accounts.findMany(ids, ctx.scope, m)).map((r) => [r.id, r]));
      const ancestors = [...ids].reverse().flatMap((id) => (visible.has(id) ? [visible.get(id)!] : []));
      const children = await this.accounts.children(a.id, ctx.scope, BUSINESS_PAGE.maxLimit, m);
      const shown = await this.shown(m, ctx, [a, ...ancestors, ...children].map(toAccountView));
      return { account: shown[0]!, ancestors: shown.slice(1, 1 + ancestors.length), children: shown.slice(1 + ancestors.length) };
    });
  }

  /**
   * The parent must be an account within the caller's scope (else 4040, as if missing), must not be
   * the account itself or below it (a cycle, 4220), and the hierarchy stays at most
   * MAX_HIERARCHY_DEPTH deep. The ancestors are locked, so concurrent re-parentings cannot close a loop.
   */
  private async checkedParent(m: EntityManager, ctx: CallContext, parentId: string, selfId: string | null): Promise<void> {
    if (parentId === selfId) throw invalid('parentId', 'an account cannot be its own parent');
    const parent = await this.accounts.findById(parentId, ctx.scope, m);
    if (!parent) throw new CrmError(ErrorCode.NotFound, `parent account ${parentId} not found`);
    const above = await this.accounts.lockAncestors(m, parentId);
    if (selfId !== null && above.includes(selfId))
      throw invalid('parentId', `account ${parentId} is below account ${selfId}: the hierarchy would become a cycle`);
    if (above.length + 1 >= MAX_HIERARCHY_DEPTH)
      throw invalid('parentId', `the hierarchy may be at most ${MAX_HIERARCHY_DEPTH} levels deep`);
  }

  /** An employee may hand an account only to an owner within their own data scope. */
  private assertOwnerInScope(ownerId: string, ctx: CallContext): void {
    const owners = ctx.scope?.owners;
    if (owners === null || owners === undefined || owners.includes(ownerId)) return;
    throw invalid('ownerId', 'ownerId must be an employee within your data scope');
  }

  /**
   * Runs a write; a unique-key violation becomes a 4090 naming the account that holds the key
   * (its id and number), read after the failed transaction rolled back.
   */
  private async refuseDuplicates<T>(candidate: Candidate | (() => Candidate | null), run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const c = typeof candidate === 'function' ? candidate() : candidate;
      const field = DUPLICATE_KEYS[duplicateKeyName(err) ?? ''];
      const holder = c && field ? await this.accounts.holderOf(field, c) : null;
      if (!field || !holder) throw new CrmError(ErrorCode.Conflict, 'the account would duplicate an existing one');
      const what = { registrationNo: 'registration number', name: 'normalised name and region', accountNo: 'account number' }[field];
      const reason = `duplicate of account ${holder.id} (${holder.accountNo})`;
      throw new CrmError(ErrorCode.Conflict, `an account with this ${what} exists: ${holder.id} (${holder.accountNo})`, [
        { field, reasons: [reason] },
        { field: 'existingAccountId', reasons: [holder.id] },
        { field: 'existingAccountNo', reasons: [holder.accountNo] },
      ]);
    }
  }

  /**
   * The views as this employee may see them. Personal fields shown unmasked are recorded in the
   * operation log in the read's own transaction — one entry per call naming the accounts and the
   * fields, never the values — so no unmasked reply leaves without its log entry.
   */
  private async shown(m: EntityManager, ctx: CallContext, views: AccountView[]): Promise<AccountView[]> {
    const { items, revealed } = ACCOUNT_SENSITIVE.protect(views, ctx.permissions);
    if (revealed.ids.length) {
      const entityId = revealed.ids.length === 1 ? revealed.ids[0]! : `${revealed.ids.length} accounts`;
      const after = { accountIds: revealed.ids, fields: revealed.fields };
      await this.changes.record(
        m,
        { ...ctx, employeeId: actingEmployee(ctx) },
        { entity: 'account', entityId, action: 'read-unmasked', before: null, after },
      );
    }
    return items;
  }
}

function pick(a: AccountEntity): Record<Editable, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, a[f]])) as Record<Editable, unknown>;
}
