import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { cubeDelta, nextFact, type FactChange } from './analysis-fact.js';
import { AnalysisRepository } from './analysis.repository.js';

/** The write port the feed needs (the repository; a fake in unit tests). */
export type FeedStore = Pick<AnalysisRepository, 'lockFact' | 'saveFact' | 'applyDelta'>;

/**
 * Keeps the fact rows and the cube from the opportunity events, in the inbox's transaction: the
 * fact row is locked, the change applied only if newer (latest version wins), and the cube moved by
 * the difference between the old and the new fact's contributions. Returns whether it applied.
 */
@Injectable()
export class AnalysisFeedService {
  constructor(@Inject(AnalysisRepository) private readonly store: FeedStore) {}

  async apply(m: EntityManager, change: FactChange): Promise<boolean> {
    const before = await this.store.lockFact(m, change.opportunityId);
    const after = nextFact(before, change);
    if (!after) return false;
    const linesChanged = change.kind === 'view' && change.lines !== undefined;
    await this.store.saveFact(m, after, linesChanged);
    await this.store.applyDelta(m, cubeDelta(before, after));
    return true;
  }
}
