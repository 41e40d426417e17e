import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListPipelinesDto } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { PipelineEntity } from './pipeline.entity.js';

export const PIPELINE_LIST: KeysetList<Pick<PipelineEntity, 'createdAt' | 'id'>> = {
  name: 'sales.pipelines',
  keys: [
    { column: 'p.created_at', kind: 'time' },
    { column: 'p.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (p) => [p.createdAt, p.id],
};

/** Pipelines are configuration, not owned records: no data scope, everyone with `opportunity.read` reads them. */
@Injectable()
export class PipelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<PipelineEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<PipelineEntity> {
    await m.getRepository(PipelineEntity).insert(row);
    return m.getRepository(PipelineEntity).findOneByOrFail({ id: row.id });
  }

  find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<PipelineEntity | null> {
    const qb = m.getRepository(PipelineEntity).createQueryBuilder('p').where('p.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The active pipeline claiming `channel`, else the default one. */
  async forChannel(m: EntityManager, channel: string): Promise<PipelineEntity | null> {
    const rows = await m.getRepository(PipelineEntity).find({ where: { active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.find((p) => p.channels.includes(channel as never)) ?? rows.find((p) => p.isDefault) ?? null;
  }

  async update(m: EntityManager, id: string, patch: Partial<PipelineEntity>): Promise<PipelineEntity> {
    await m.getRepository(PipelineEntity).update({ id }, patch);
    return m.getRepository(PipelineEntity).findOneByOrFail({ id });
  }

  /** Only one default pipeline: the others lose the flag (their versions move on). */
  async clearDefault(m: EntityManager, exceptId: string, employeeId: string): Promise<void> {
    await m
      .createQueryBuilder()
      .update(PipelineEntity)
      .set({ isDefault: false, version: () => 'version + 1', updatedBy: employeeId })
      .where('is_default = 1 AND id <> :id', { id: exceptId })
      .execute();
  }

  /** How many opportunities (any status) stand at each of `stages` in the pipeline. */
  async countAtStages(m: EntityManager, pipelineId: string, stages: string[]): Promise<Map<string, number>> {
    if (stages.length === 0) return new Map();
    const rows: Array<{ stage: string; n: string | number }> = await m.query(
      'SELECT stage, COUNT(*) AS n FROM opportunity WHERE pipeline_id = ? AND stage IN (?) GROUP BY stage',
      [pipelineId, stages],
    );
    return new Map(rows.map((r) => [r.stage, Number(r.n)]));
  }

  list(
    q: ListPipelinesDto,
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<PipelineEntity[]> {
    const query = new KeysetQuery(PIPELINE_LIST).equal('p.active', q.active).after(position);
    return query.applyTo(m.getRepository(PipelineEntity).createQueryBuilder('p'), limit).getMany();
  }
}
