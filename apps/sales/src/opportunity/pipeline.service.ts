import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CrmError,
  ErrorCode,
  PIPELINE_CREATED_V1,
  PIPELINE_UPDATED_V1,
  type CreatePipelineDto,
  type ListPipelinesDto,
  type PipelinePage,
  type PipelineView,
  type UpdatePipelineDto,
} from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { BUSINESS_PAGE, isDuplicateKey, ListCursorCodec, toPage } from '@crm/persistence';
import { actingEmployee, type CallContext } from '@crm/security';
import type { PipelineEntity } from './pipeline.entity.js';
import { toPipelineView } from './opportunity.mapper.js';
import { checkStages } from './pipeline-rules.js';
import { PIPELINE_LIST, PipelineRepository } from './pipeline.repository.js';

const EDITABLE = ['name', 'description', 'stages', 'channels', 'active', 'isDefault'] as const;

/**
 * Pipelines and their stages, edited by administrators (`pipeline.manage`). A stage that
 * opportunities stand at cannot be removed: that would leave them at a stage their pipeline no
 * longer has (4090 naming how many).
 */
@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(PipelineRepository) private readonly pipelines: PipelineRepository,
    @Inject(ListCursorCodec) private readonly cursors: ListCursorCodec,
  ) {}

  async create(dto: CreatePipelineDto, ctx: CallContext): Promise<PipelineView> {
    const employeeId = actingEmployee(ctx);
    const stages = dto.stages.map((s) => ({ key: s.key, label: s.label.trim(), probability: s.probability, kind: s.kind }));
    checkStages(stages);
    try {
      return await this.dataSource.transaction(async (m) => {
        const created = toPipelineView(
          await this.pipelines.insert(m, {
            id: randomUUID(),
            name: dto.name.trim(),
            description: dto.description ?? null,
            stages,
            channels: [...new Set(dto.channels ?? [])],
            isDefault: false,
            active: true,
            createdBy: employeeId,
            updatedBy: employeeId,
          }),
        );
        await this.changes.record(m, ctx, {
          entity: 'pipeline',
          entityId: created.pipelineId,
          action: 'create',
          before: null,
          after: pick(created),
          event: { pattern: PIPELINE_CREATED_V1, data: created },
        });
        return created;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new CrmError(ErrorCode.Conflict, `a pipeline named ${dto.name.trim()} exists`);
      throw err;
    }
  }

  async update(dto: UpdatePipelineDto, ctx: CallContext): Promise<PipelineView> {
    const employeeId = actingEmployee(ctx);
    try {
      return await this.dataSource.transaction(async (m) => {
        const before = await this.pipelines.find(dto.pipelineId, m, true);
        if (!before) throw new CrmError(ErrorCode.NotFound, `pipeline ${dto.pipelineId} not found`);
        if (before.version !== dto.version)
          throw new CrmError(
            ErrorCode.Conflict,
            `stale version: pipeline ${before.id} is at version ${before.version}, not ${dto.version}`,
          );
        const next: Partial<PipelineEntity> = {
          name: dto.name?.trim(),
          description: dto.description,
          stages: dto.stages?.map((s) => ({ key: s.key, label: s.label.trim(), probability: s.probability, kind: s.kind })),
          channels: dto.channels ? [...new Set(dto.channels)] : undefined,
          active: dto.active,
          isDefault: dto.isDefault,
        };
        const patch: Partial<PipelineEntity> = {};
        for (const f of EDITABLE)
          if (next[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(before[f]))
            (patch as Record<string, unknown>)[f] = next[f];
        if (Object.keys(patch).length === 0) return toPipelineView(before);
        if (patch.isDefault === false) throw invalid('isDefault', 'make another pipeline the default instead');
        if (patch.active === false && (patch.isDefault ?? before.isDefault)) throw invalid('active', 'the default pipeline stays active');
        if (patch.stages) {
          checkStages(patch.stages);
          const kept = new Set(patch.stages.map((s) => s.key));
          const removed = before.stages.filter((s) => !kept.has(s.key)).map((s) => s.key);
          const used = [...(await this.pipelines.countAtStages(m, before.id, removed))].filter(([, n]) => n > 0);
          if (used.length) {
            const what = used.map(([stage, n]) => `${n} ${n === 1 ? 'opportunity stands' : 'opportunities stand'} at ${stage}`).join(', ');
            throw new CrmError(ErrorCode.Conflict, `cannot remove stages in use: ${what}; move them first`);
          }
        }
        if (patch.isDefault) await this.pipelines.clearDefault(m, before.id, employeeId);
        const after = toPipelineView(
          await this.pipelines.update(m, before.id, { ...patch, version: before.version + 1, updatedBy: employeeId }),
        );
        await this.changes.record(m, ctx, {
          entity: 'pipeline',
          entityId: after.pipelineId,
          action: 'update',
          before: pick(toPipelineView(before)),
          after: pick(after),
          event: { pattern: PIPELINE_UPDATED_V1, data: { ...after, changedFields: Object.keys(patch) } },
        });
        return after;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new CrmError(ErrorCode.Conflict, `a pipeline named ${dto.name?.trim()} exists`);
      throw err;
    }
  }

  async get(pipelineId: string): Promise<PipelineView> {
    const p = await this.pipelines.find(pipelineId);
    if (!p) throw new CrmError(ErrorCode.NotFound, `pipeline ${pipelineId} not found`);
    return toPipelineView(p);
  }

  async list(q: ListPipelinesDto): Promise<PipelinePage> {
    const limit = q.limit ?? BUSINESS_PAGE.defaultLimit;
    const position = q.cursor === undefined ? undefined : this.cursors.decode(PIPELINE_LIST, q.cursor);
    return toPage(PIPELINE_LIST, this.cursors, await this.pipelines.list(q, limit, position), limit, toPipelineView);
  }
}

function invalid(field: string, reason: string): CrmError {
  return new CrmError(ErrorCode.ValidationFailed, reason, [{ field, reasons: [reason] }]);
}

function pick(v: PipelineView): Record<string, unknown> {
  return { name: v.name, description: v.description, stages: v.stages, channels: v.channels, active: v.active, isDefault: v.isDefault };
}
