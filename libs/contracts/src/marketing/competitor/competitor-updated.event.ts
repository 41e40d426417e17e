import type { CompetitorView } from './competitor.types.js';

/** Published by marketing when a competitor changes: the competitor after the change and what changed. */
export const MARKETING_COMPETITOR_UPDATED_V1 = 'marketing.competitor.updated.v1';
export type CompetitorUpdatedData = CompetitorView & { changedFields: string[] };
