import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CampaignStepStatus } from '@crm/contracts';
import { KeysetQuery, type KeysetList, type KeyValue } from '@crm/persistence';
import { CampaignStepEntity } from './campaign-step.entity.js';

/** A campaign's steps, newest first. */
export const CAMPAIGN_STEP_LIST: KeysetList<Pick<CampaignStepEntity, 'createdAt' | 'id'>> = {
  name: 'marketing.campaign-steps',
  keys: [
    { column: 's.created_at', kind: 'time' },
    { column: 's.id', kind: 'string' },
  ],
  direction: 'DESC',
  positionOf: (s) => [s.createdAt, s.id],
};

export interface StepFilter {
  campaignId: string;
  status?: CampaignStepStatus;
  /** Only steps due before this date (YYYY-MM-DD) and still todo or doing. */
  overdueBefore?: string;
}

/** The action plans' steps. The campaign's data scope is checked by the service before any of these. */
@Injectable()
export class CampaignStepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, row: Omit<CampaignStepEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<CampaignStepEntity> {
    await m.getRepository(CampaignStepEntity).insert(row);
    return m.getRepository(CampaignStepEntity).findOneByOrFail({ id: row.id });
  }

  find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<CampaignStepEntity | null> {
    const qb = m.getRepository(CampaignStepEntity).createQueryBuilder('s').where('s.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async update(m: EntityManager, id: string, patch: Partial<CampaignStepEntity>): Promise<CampaignStepEntity> {
    await m.getRepository(CampaignStepEntity).update({ id }, patch);
    return m.getRepository(CampaignStepEntity).findOneByOrFail({ id });
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(CampaignStepEntity).delete({ id });
  }

  list(
    f: StepFilter,
    limit: number,
    position: KeyValue[] | undefined,
    m: EntityManager = this.dataSource.manager,
  ): Promise<CampaignStepEntity[]> {
    const query = new KeysetQuery(CAMPAIGN_STEP_LIST).equal('s.campaign_id', f.campaignId).equal('s.status', f.status);
    if (f.overdueBefore !== undefined) query.where("s.status IN ('todo', 'doing') AND s.due_date < ?", f.overdueBefore);
    return query.after(position).applyTo(m.getRepository(CampaignStepEntity).createQueryBuilder('s'), limit).getMany();
  }
}
