import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CASE_KEY_RE,
  CrmError,
  ErrorCode,
  QUEUE_CHANGED_V1,
  type CreateQueueDto,
  type ListQueuesDto,
  type QueueMemberDto,
  type QueuePage,
  type QueueView,
  type SetQueueMembersDto,
  type UpdateQueueDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import { queueFields, toQueueChanged, toQueueView } from './queue.mapper.js';
import { QUEUE_LIST, QueueRepository, type QueueFields, type QueueMemberRow, type QueueRow } from './queue.repository.js';

const DEFAULT_CAPACITY = 10;

/** Queues: CRUD and members; every change records its operation-log entry and `service.queue.changed.v1`. */
@Injectable()
export class QueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(QueueRepository) private readonly queues: QueueRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreateQueueDto, ctx: CallContext): Promise<QueueView> {
    const by = actingEmployee(ctx);
    const fields: QueueFields = {
      name: dto.name.trim(),
      description: dto.description ?? null,
      strategy: dto.strategy,
      categories: dto.categories ?? [],
      channels: dto.channels ?? [],
      routingOrder: dto.routingOrder ?? 100,
      categorySkills: checkedSkills(dto.categorySkills ?? {}),
      escalationQueueId: dto.escalationQueueId ?? null,
      supervisorId: dto.supervisorId ?? null,
      active: dto.active ?? true,
    };
    const id = randomUUID();
    try {
      return await this.dataSource.transaction(async (m) => {
        if (fields.escalationQueueId) await this.mustExist(m, fields.escalationQueueId, 'escalationQueueId');
        await this.queues.insert(m, id, fields, by, (dto.members ?? []).map(toMember));
        const after = (await this.queues.find(id, m))!;
        await this.record(m, ctx, 'create', null, after);
        return toQueueView(after);
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new CrmError(ErrorCode.Conflict, `a queue named ${fields.name} exists`);
      throw e;
    }
  }

  async update(dto: UpdateQueueDto, ctx: CallContext): Promise<QueueView> {
    actingEmployee(ctx);
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.locked(m, dto.queueId, dto.version);
        const fields: QueueFields = {
          name: dto.name?.trim() ?? before.name,
          description: dto.description !== undefined ? dto.description : before.description,
          strategy: dto.strategy ?? before.strategy,
          categories: dto.categories ?? before.categories,
          channels: dto.channels ?? before.channels,
          routingOrder: dto.routingOrder ?? before.routingOrder,
          categorySkills: dto.categorySkills ? checkedSkills(dto.categorySkills) : before.categorySkills,
          escalationQueueId: dto.escalationQueueId !== undefined ? dto.escalationQueueId : before.escalationQueueId,
          supervisorId: dto.supervisorId !== undefined ? dto.supervisorId : before.supervisorId,
          active: dto.active ?? before.active,
        };
        if (fields.escalationQueueId === before.id) throw invalid('escalationQueueId', 'a queue cannot escalate to itself');
        if (fields.escalationQueueId && fields.escalationQueueId !== before.escalationQueueId)
          await this.mustExist(m, fields.escalationQueueId, 'escalationQueueId');
        await this.queues.update(m, before.id, fields, before.version + 1);
        const after = (await this.queues.find(before.id, m))!;
        await this.record(m, ctx, 'update', before, after);
        return toQueueView(after);
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new CrmError(ErrorCode.Conflict, `a queue named ${dto.name ?? ''} exists`);
      throw e;
    }
  }

  /** Adds (or updates) and removes members; the next assignment reads them. */
  async members(dto: SetQueueMembersDto, ctx: CallContext): Promise<QueueView> {
    actingEmployee(ctx);
    if (!dto.add?.length && !dto.remove?.length) throw invalid('add', 'name members to add or remove');
    return this.dataSource.transaction(async (m) => {
      const before = await this.locked(m, dto.queueId, dto.version);
      await this.queues.removeMembers(m, before.id, dto.remove ?? []);
      await this.queues.upsertMembers(m, before.id, (dto.add ?? []).map(toMember));
      await this.queues.bumpVersion(m, before.id, before.version + 1);
      const after = (await this.queues.find(before.id, m))!;
      await this.record(m, ctx, 'members', before, after);
      return toQueueView(after);
    });
  }

  async get(queueId: string): Promise<QueueView> {
    const q = await this.queues.find(queueId);
    if (!q) throw notFound(queueId);
    return toQueueView(q);
  }

  async list(q: ListQueuesDto): Promise<QueuePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(QUEUE_LIST, q.cursor);
    return toPage(QUEUE_LIST, this.cursors, await this.queues.list(q, limit, position), limit, toQueueView);
  }

  private async locked(m: EntityManager, id: string, version: number): Promise<QueueRow> {
    const q = await this.queues.find(id, m, true);
    if (!q) throw notFound(id);
    if (q.version !== version) throw new CrmError(ErrorCode.Conflict, `stale version: queue ${id} is at version ${q.version}`);
    return q;
  }

  private async mustExist(m: EntityManager, id: string, field: string): Promise<void> {
    if (!(await this.queues.exists(m, id))) throw invalid(field, `queue ${id} does not exist`);
  }

  private async record(m: EntityManager, ctx: CallContext, action: string, before: QueueRow | null, after: QueueRow): Promise<void> {
    await this.changes.record(m, ctx, {
      entity: 'queue',
      entityId: after.id,
      action,
      before: before && queueFields(before),
      after: queueFields(after),
      event: { pattern: QUEUE_CHANGED_V1, data: toQueueChanged(after) },
    });
  }
}

function toMember(x: QueueMemberDto): QueueMemberRow {
  return {
    employeeId: x.employeeId,
    skills: [...new Set(x.skills ?? [])].sort(),
    capacity: x.capacity ?? DEFAULT_CAPACITY,
    addedAt: new Date(),
  };
}

/** `categorySkills` is a free object on the wire: check its shape here, naming the bad key. */
function checkedSkills(v: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, skills] of Object.entries(v)) {
    if (!Array.isArray(skills) || skills.length > 30 || !skills.every((s) => typeof s === 'string' && CASE_KEY_RE.test(s)))
      throw invalid(`categorySkills.${k}`, 'must be a list of lower-case kebab skills (at most 30)');
    out[k] = [...new Set(skills as string[])].sort();
  }
  return out;
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field, reasons: [reason] }]);
}

function notFound(id: string): CrmError {
  return new CrmError(ErrorCode.NotFound, `queue ${id} not found`);
}
