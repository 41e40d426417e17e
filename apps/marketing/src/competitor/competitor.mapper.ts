import type { CompetitorView } from '@crm/contracts';
import type { CompetitorEntity } from './competitor.entity.js';

export function toCompetitorView(c: CompetitorEntity): CompetitorView {
  return {
    competitorId: c.id,
    name: c.name,
    website: c.website,
    description: c.description,
    strengths: c.strengths,
    weaknesses: c.weaknesses,
    opportunities: c.opportunities,
    threats: c.threats,
    products: c.products,
    segments: c.segments,
    industries: c.industries,
    ownerId: c.ownerId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
