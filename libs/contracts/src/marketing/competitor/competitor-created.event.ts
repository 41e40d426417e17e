import type { CompetitorView } from './competitor.types.js';

/** Published by marketing when a competitor is created: the competitor as created. */
export const MARKETING_COMPETITOR_CREATED_V1 = 'marketing.competitor.created.v1';
export type CompetitorCreatedData = CompetitorView;
