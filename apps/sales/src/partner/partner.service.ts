import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  PARTNER_CREATED_V1,
  PARTNER_UPDATED_V1,
  type CreatePartnerDto,
  type ListPartnersDto,
  type PartnerPage,
  type PartnerView,
  type UpdatePartnerDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, duplicateKeyName, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { PartnerEntity } from './partner.entity.js';
import { toPartnerView } from './partner.mapper.js';
import { PARTNER_LIST, PartnerRepository } from './partner.repository.js';

const EDITABLE = ['name', 'kind', 'regionCodes', 'tier', 'status', 'callerName', 'ownerId'] as const;

/**
 * Channel partners. A partner's `callerName` is its system's caller in auth (created by an
 * operator: `caller create <name> --allow …`); one partner per caller name. Changes record their
 * operation-log entry and event in their own transaction; employees see partners whose channel
 * manager (`ownerId`) is within their data scope.
 */
@Injectable()
export class PartnerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(PartnerRepository) private readonly partners: PartnerRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreatePartnerDto, ctx: CallContext): Promise<PartnerView> {
    const employeeId = actingEmployee(ctx);
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        const created = await this.partners.insert(m, {
          id,
          name: dto.name.trim(),
          kind: dto.kind,
          regionCodes: [...new Set(dto.regionCodes ?? [])].sort(),
          tier: dto.tier ?? 'registered',
          status: 'active',
          callerName: dto.callerName,
          ownerId: dto.ownerId ?? employeeId,
          createdBy: employeeId,
          updatedBy: employeeId,
        });
        const view = toPartnerView(created);
        await this.changes.record(m, ctx, {
          entity: 'partner',
          entityId: id,
          action: 'create',
          before: null,
          after: pick(created),
          event: { pattern: PARTNER_CREATED_V1, data: view },
        });
        return view;
      });
    } catch (err) {
      if (duplicateKeyName(err) === 'uq_partner_caller') throw await this.callerTaken(dto.callerName);
      throw err;
    }
  }

  async update(dto: UpdatePartnerDto, ctx: CallContext): Promise<PartnerView> {
    const employeeId = actingEmployee(ctx);
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.partners.find(dto.partnerId, ctx.scope, m, true);
        if (!before) throw new CrmError(ErrorCode.NotFound, `partner ${dto.partnerId} not found`);
        if (before.version !== dto.version)
          throw new CrmError(ErrorCode.Conflict, `stale version: partner ${before.id} is at version ${before.version}, not ${dto.version}`);
        const wanted: Partial<PartnerEntity> = {
          ...dto,
          name: dto.name?.trim(),
          regionCodes: dto.regionCodes && [...new Set(dto.regionCodes)].sort(),
        };
        const patch: Partial<PartnerEntity> = {};
        for (const f of EDITABLE)
          if (wanted[f] !== undefined && JSON.stringify(wanted[f]) !== JSON.stringify(before[f]))
            (patch as Record<string, unknown>)[f] = wanted[f];
        if (Object.keys(patch).length === 0) return toPartnerView(before);
        const after = await this.partners.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId });
        await this.changes.record(m, ctx, {
          entity: 'partner',
          entityId: after.id,
          action: 'update',
          before: pick(before),
          after: pick(after),
          event: { pattern: PARTNER_UPDATED_V1, data: { ...toPartnerView(after), changedFields: Object.keys(patch) } },
        });
        return toPartnerView(after);
      });
    } catch (err) {
      if (duplicateKeyName(err) === 'uq_partner_caller' && dto.callerName) throw await this.callerTaken(dto.callerName);
      throw err;
    }
  }

  async get(partnerId: string, ctx: CallContext): Promise<PartnerView> {
    const p = await this.partners.find(partnerId, ctx.scope);
    if (!p) throw new CrmError(ErrorCode.NotFound, `partner ${partnerId} not found`);
    return toPartnerView(p);
  }

  async list(q: ListPartnersDto, ctx: CallContext): Promise<PartnerPage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(PARTNER_LIST, q.cursor);
    return toPage(PARTNER_LIST, this.cursors, await this.partners.list(q, limit, position, ctx.scope), limit, toPartnerView);
  }

  private async callerTaken(callerName: string): Promise<CrmError> {
    const holder = await this.partners.byCaller(callerName);
    return new CrmError(ErrorCode.Conflict, `caller ${callerName} is already partner ${holder?.id ?? 'being created'}`, [
      { field: 'callerName', reasons: ['taken by another partner'] },
    ]);
  }
}

function pick(p: PartnerEntity): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((f) => [f, p[f]]));
}
