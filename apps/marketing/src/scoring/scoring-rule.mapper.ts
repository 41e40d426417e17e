import type { RescoreStatusView, ScoringRuleView } from '@crm/contracts';
import type { ScoringRuleDef } from './scoring.engine.js';
import type { RescoreJobRow, ScoringRuleRow } from './scoring-rule.repository.js';

export function toScoringRuleView(r: ScoringRuleRow): ScoringRuleView {
  return {
    ruleId: r.id,
    name: r.name,
    points: r.points,
    enabled: r.enabled,
    when: r.conditions,
    engagement: r.engagement,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toRuleDef(r: ScoringRuleRow): ScoringRuleDef {
  return { id: r.id, points: r.points, when: r.conditions, engagement: r.engagement };
}

export function toRescoreStatus(j: RescoreJobRow): RescoreStatusView {
  return {
    jobId: j.id,
    status: j.status,
    scanned: j.scanned,
    changed: j.changed,
    total: j.total,
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    supersededBy: j.supersededBy,
    createdAt: j.createdAt.toISOString(),
  };
}
