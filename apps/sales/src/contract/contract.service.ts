import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTRACT_ACTIVATED_V1,
  CONTRACT_CREATED_V1,
  CONTRACT_RENEWED_V1,
  CONTRACT_TERMINATED_V1,
  CrmError,
  DEFAULT_CURRENCY,
  ErrorCode,
  formatMoney,
  money,
  sumMoney,
  type ActivateContractDto,
  type ContractLineDto,
  type ContractPage,
  type ContractView,
  type CreateContractDto,
  type FieldError,
  type ListContractsDto,
  type RenewContractDto,
  type TerminateContractDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, duplicateKeyName, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { ContractEntity, ContractLineEntity } from './contract.entity.js';
import { quantityText, toContractView, unitPriceText } from './contract.mapper.js';
import { CONTRACT_LIST, ContractRepository, type NewContract } from './contract.repository.js';
import { addDays, daysBetween, termEnd, utcToday } from './contract-term.js';

/** The fields an operation-log entry of a contract shows old → new. */
const LOGGED = [
  'name',
  'status',
  'startDate',
  'endDate',
  'termMonths',
  'value',
  'successorId',
  'terminationReason',
  'terminationEffectiveDate',
] as const;

/** What a contract starts as, made by hand, from a quote or as a renewal: a draft nothing has happened to yet. */
const NEW_DRAFT = {
  status: 'draft',
  successorId: null,
  activatedAt: null,
  activatedBy: null,
  terminatedAt: null,
  terminatedBy: null,
  terminationReason: null,
  terminationEffectiveDate: null,
  renewalNoticeAt: null,
  expiredAt: null,
} as const;

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, `${field}: ${reason}`, [{ field, reasons: [reason] }]);
}

function stale(c: ContractEntity, version: number): void {
  if (c.version !== version)
    throw new CrmError(ErrorCode.Conflict, `stale version: contract ${c.id} is at version ${c.version}, not ${version}`);
}

/** A short human-facing number, `CT-20261130-7KQ2MX`; the unique key catches the unlikely repeat. */
function contractNo(today: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const tail = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
  return `CT-${today.replaceAll('-', '')}-${tail}`;
}

/** Lines as a payload gives them, numbered in order; their amounts' exact sum must be `value`. */
export function linesFromPayload(contractId: string, lines: ContractLineDto[], value: string, field = 'value'): ContractLineEntity[] {
  const sum = sumMoney(lines.map((l) => money(l.amount)));
  if (!sum.eq(money(value))) throw invalid(field, `value ${value} is not the sum of the lines' amounts (${formatMoney(sum)})`);
  return lines.map((l, i) => ({
    contractId,
    lineNo: i + 1,
    productId: l.productId ?? null,
    sku: l.sku,
    name: l.name.trim(),
    quantity: quantityText(l.quantity),
    unitPrice: unitPriceText(l.unitPrice),
    amount: formatMoney(money(l.amount)),
  }));
}

/**
 * The term a payload names: `endDate` or `termMonths` (one of them), `startDate` optional. With a
 * start and a term in months the end is fixed now; otherwise activation fixes it.
 */
export function termOf(dto: { startDate?: string; endDate?: string; termMonths?: number }): {
  startDate: string | null;
  endDate: string | null;
  termMonths: number | null;
} {
  if (dto.endDate !== undefined && dto.termMonths !== undefined) throw invalid('termMonths', 'give endDate or termMonths, not both');
  const startDate = dto.startDate ?? null;
  if (dto.termMonths !== undefined)
    return { startDate, endDate: startDate ? termEnd(startDate, dto.termMonths) : null, termMonths: dto.termMonths };
  if (dto.endDate === undefined) throw invalid('endDate', 'give endDate or termMonths');
  if (startDate && dto.endDate < startDate) throw invalid('endDate', 'endDate must not be before startDate');
  return { startDate, endDate: dto.endDate, termMonths: null };
}

/**
 * Contracts: made from an accepted quote or by hand, then activated, renewed or terminated. Each
 * change checks the caller's `version`, records its operation-log entry and its event in its own
 * transaction (ChangeRecorder), and sees only contracts in the employee's data scope (others are
 * 4040, as if missing). Contract values are not masked (see the docs).
 */
@Injectable()
export class ContractService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(ContractRepository) private readonly contracts: ContractRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateContractDto, ctx: CallContext, now = new Date()): Promise<ContractView> {
    const employeeId = actingEmployee(ctx);
    const id = randomUUID();
    const term = termOf(dto);
    try {
      return await this.dataSource.transaction(async (m) => {
        const { row, lines } =
          dto.quoteId !== undefined
            ? await this.fromQuote(m, id, dto.quoteId, dto, ctx)
            : await this.byHand(
                m,
                id,
                dto as Required<Pick<CreateContractDto, 'accountId' | 'name' | 'lines' | 'value'>> & CreateContractDto,
                ctx,
              );
        const created = await this.contracts.insert(
          m,
          {
            ...row,
            ...term,
            id,
            contractNo: contractNo(utcToday(now)),
            ...NEW_DRAFT,
            predecessorId: null,
            createdBy: employeeId,
            updatedBy: employeeId,
          },
          lines,
        );
        const view = toContractView(created, lines);
        await this.changes.record(m, ctx, {
          entity: 'contract',
          entityId: id,
          action: 'create',
          before: null,
          after: { ...logged(created), accountId: created.accountId, quoteId: created.quoteId, lines: view.lines },
          event: { pattern: CONTRACT_CREATED_V1, data: view },
        });
        return view;
      });
    } catch (err) {
      if (duplicateKeyName(err) === 'uq_contract_quote' && dto.quoteId !== undefined) {
        const existing = await this.contracts.idByQuote(dto.quoteId);
        throw new CrmError(ErrorCode.Conflict, `quote ${dto.quoteId} already has contract ${existing ?? 'being created'}`);
      }
      throw err;
    }
  }

  async activate(dto: ActivateContractDto, ctx: CallContext, now = new Date()): Promise<ContractView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.contractId, dto.version, ctx);
      if (before.status !== 'draft')
        throw new CrmError(ErrorCode.Conflict, `contract ${before.id} is ${before.status}: only a draft can be activated`);
      const startDate = dto.startDate ?? before.startDate ?? utcToday(now);
      const endDate = before.termMonths !== null ? termEnd(startDate, before.termMonths) : before.endDate;
      if (endDate === null || endDate < startDate) throw invalid('startDate', `the term would end (${endDate}) before it starts`);
      const after = await this.contracts.update(m, before.id, {
        status: 'active',
        startDate,
        endDate,
        activatedAt: now,
        activatedBy: employeeId,
        renewalNoticeAt: null,
        version: before.version + 1,
        updatedBy: employeeId,
      });
      const view = toContractView(after, await this.contracts.lines([after.id], m));
      await this.changes.record(m, ctx, {
        entity: 'contract',
        entityId: after.id,
        action: 'activate',
        before: logged(before),
        after: logged(after),
        event: { pattern: CONTRACT_ACTIVATED_V1, data: view },
      });
      return view;
    });
  }

  async renew(dto: RenewContractDto, ctx: CallContext, now = new Date()): Promise<ContractView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.contractId, dto.version, ctx);
      if (before.status !== 'active' && before.status !== 'expired')
        throw new CrmError(
          ErrorCode.Conflict,
          `contract ${before.id} is ${before.status}: only an active or expired contract can be renewed`,
        );
      if (dto.lines === undefined && dto.value !== undefined) throw invalid('value', 'value may only be given with lines');
      const start = addDays(before.endDate!, 1);
      const term = this.successorTerm(before, start, dto);
      const successorId = randomUUID();
      const lines =
        dto.lines !== undefined
          ? linesFromPayload(successorId, dto.lines, dto.value!)
          : (await this.contracts.lines([before.id], m)).map((l) => ({ ...l, contractId: successorId }));
      const successor = await this.contracts.insert(
        m,
        {
          id: successorId,
          contractNo: contractNo(utcToday(now)),
          name: dto.name?.trim() ?? before.name,
          accountId: before.accountId,
          quoteId: null,
          opportunityId: before.opportunityId,
          ...NEW_DRAFT,
          ...term,
          currency: before.currency,
          value: dto.lines !== undefined ? formatMoney(money(dto.value!)) : before.value,
          ownerId: before.ownerId,
          predecessorId: before.id,
          createdBy: employeeId,
          updatedBy: employeeId,
        },
        lines,
      );
      const successorView = toContractView(successor, lines);
      await this.changes.record(m, ctx, {
        entity: 'contract',
        entityId: successorId,
        action: 'create',
        before: null,
        after: { ...logged(successor), accountId: successor.accountId, predecessorId: before.id, lines: successorView.lines },
        event: { pattern: CONTRACT_CREATED_V1, data: successorView },
      });
      const after = await this.contracts.update(m, before.id, {
        status: 'renewed',
        successorId,
        version: before.version + 1,
        updatedBy: employeeId,
      });
      const view = toContractView(after, await this.contracts.lines([after.id], m));
      await this.changes.record(m, ctx, {
        entity: 'contract',
        entityId: after.id,
        action: 'renew',
        before: logged(before),
        after: logged(after),
        event: { pattern: CONTRACT_RENEWED_V1, data: { ...view, successor: successorView } },
      });
      return successorView;
    });
  }

  async terminate(dto: TerminateContractDto, ctx: CallContext, now = new Date()): Promise<ContractView> {
    const employeeId = actingEmployee(ctx);
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.contractId, dto.version, ctx);
      if (before.status !== 'draft' && before.status !== 'active')
        throw new CrmError(
          ErrorCode.Conflict,
          `contract ${before.id} is ${before.status}: only a draft or active contract can be terminated`,
        );
      if (before.status === 'active') {
        if (dto.effectiveDate < before.startDate!)
          throw invalid('effectiveDate', `effectiveDate must not be before the start ${before.startDate}`);
        if (dto.effectiveDate > before.endDate!)
          throw invalid('effectiveDate', `effectiveDate must not be after the end ${before.endDate}`);
      }
      const after = await this.contracts.update(m, before.id, {
        status: 'terminated',
        terminatedAt: now,
        terminatedBy: employeeId,
        terminationReason: dto.reason.trim(),
        terminationEffectiveDate: dto.effectiveDate,
        version: before.version + 1,
        updatedBy: employeeId,
      });
      const view = toContractView(after, await this.contracts.lines([after.id], m));
      await this.changes.record(m, ctx, {
        entity: 'contract',
        entityId: after.id,
        action: 'terminate',
        before: logged(before),
        after: logged(after),
        event: { pattern: CONTRACT_TERMINATED_V1, data: view },
      });
      return view;
    });
  }

  async get(contractId: string, ctx: CallContext): Promise<ContractView> {
    const c = await this.contracts.find(contractId, ctx.scope);
    if (!c) throw new CrmError(ErrorCode.NotFound, `contract ${contractId} not found`);
    return toContractView(c, await this.contracts.lines([c.id]));
  }

  async list(q: ListContractsDto, ctx: CallContext): Promise<ContractPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(CONTRACT_LIST, q.cursor);
    const rows = await this.contracts.list(q, limit, position, ctx.scope);
    const lines = await this.contracts.lines(rows.slice(0, limit).map((r) => r.id));
    return toPage(CONTRACT_LIST, this.cursors, rows, limit, (c) =>
      toContractView(
        c,
        lines.filter((l) => l.contractId === c.id),
      ),
    );
  }

  /** The contract locked for a change, within the scope (4040 otherwise) and at the caller's version (4090 otherwise). */
  private async locked(m: EntityManager, id: string, version: number, ctx: CallContext): Promise<ContractEntity> {
    const c = await this.contracts.find(id, ctx.scope, m, true);
    if (!c) throw new CrmError(ErrorCode.NotFound, `contract ${id} not found`);
    stale(c, version);
    return c;
  }

  private async fromQuote(
    m: EntityManager,
    id: string,
    quoteId: string,
    dto: CreateContractDto,
    ctx: CallContext,
  ): Promise<{
    row: Pick<NewContract, 'name' | 'accountId' | 'quoteId' | 'opportunityId' | 'currency' | 'value' | 'ownerId'>;
    lines: ContractLineEntity[];
  }> {
    const details: FieldError[] = (['accountId', 'lines', 'value', 'currency'] as const)
      .filter((f) => dto[f] !== undefined)
      .map((field) => ({ field, reasons: [`${field} comes from the quote; leave it out`] }));
    if (details.length)
      throw new CrmError(ErrorCode.ValidationFailed, 'a contract from a quote takes its lines and value from it', details);
    const quote = await this.contracts.quoteSource(quoteId, ctx.scope, m);
    if (!quote) throw new CrmError(ErrorCode.NotFound, `quote ${quoteId} not found`);
    if (quote.status !== 'accepted') throw new CrmError(ErrorCode.Conflict, `quote ${quoteId} is ${quote.status}, not accepted`);
    const existing = await this.contracts.idByQuote(quoteId, m);
    if (existing) throw new CrmError(ErrorCode.Conflict, `quote ${quoteId} already has contract ${existing}`);
    const source = await this.contracts.quoteLines(quoteId, m);
    if (source.length === 0) throw new CrmError(ErrorCode.Conflict, `quote ${quoteId} has no lines`);
    const lines = source.map((l, i) => ({
      contractId: id,
      lineNo: i + 1,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: quantityText(l.quantity),
      unitPrice: unitPriceText(l.unitPrice),
      amount: formatMoney(money(l.netAmount)),
    }));
    return {
      row: {
        name: dto.name?.trim() ?? `${quote.quoteNo} r${quote.revision}`,
        accountId: quote.accountId,
        quoteId,
        opportunityId: quote.opportunityId,
        currency: quote.currency,
        value: formatMoney(sumMoney(lines.map((l) => money(l.amount)))),
        ownerId: quote.ownerId,
      },
      lines,
    };
  }

  private async byHand(
    m: EntityManager,
    id: string,
    dto: CreateContractDto & Required<Pick<CreateContractDto, 'accountId' | 'name' | 'lines' | 'value'>>,
    ctx: CallContext,
  ): Promise<{
    row: Pick<NewContract, 'name' | 'accountId' | 'quoteId' | 'opportunityId' | 'currency' | 'value' | 'ownerId'>;
    lines: ContractLineEntity[];
  }> {
    const lines = linesFromPayload(id, dto.lines, dto.value);
    if (!(await this.contracts.accountVisible(dto.accountId, ctx.scope, m)))
      throw new CrmError(ErrorCode.NotFound, `account ${dto.accountId} not found`);
    return {
      row: {
        name: dto.name.trim(),
        accountId: dto.accountId,
        quoteId: null,
        opportunityId: null,
        currency: dto.currency ?? DEFAULT_CURRENCY,
        value: formatMoney(money(dto.value)),
        ownerId: actingEmployee(ctx),
      },
      lines,
    };
  }

  /** The successor's term: as given, else as long as the renewed one (same months, or same number of days). */
  private successorTerm(before: ContractEntity, start: string, dto: RenewContractDto) {
    if (dto.termMonths !== undefined || dto.endDate !== undefined)
      return termOf({ startDate: start, endDate: dto.endDate, termMonths: dto.termMonths });
    if (before.termMonths !== null) return { startDate: start, endDate: termEnd(start, before.termMonths), termMonths: before.termMonths };
    const days = daysBetween(before.startDate!, before.endDate!);
    return { startDate: start, endDate: addDays(start, days), termMonths: null };
  }
}

function logged(c: ContractEntity): Record<string, unknown> {
  return Object.fromEntries(LOGGED.map((f) => [f, f === 'value' ? formatMoney(money(c.value)) : c[f]]));
}
