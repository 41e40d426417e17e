import type { Engagement, ScoreReason, ScoringConditions } from '@crm/contracts';

/** A rule as the engine needs it (enabled rules only, in the order their reasons are listed). */
export interface ScoringRuleDef {
  id: string;
  points: number;
  when: ScoringConditions | null;
  engagement: Engagement | null;
}

/** The lead fields rules look at. */
export interface ScoringSubject {
  industryCode: string | null;
  regionCode: string | null;
  segment: string | null;
  companySize: number | null;
  source: string;
  attributes: Record<string, string | number | boolean> | null;
}

/** How many touches of one kind (and campaign) a lead has. */
export interface TouchCount {
  kind: string;
  campaignId: string | null;
  count: number;
}

export interface Score {
  score: number;
  reasons: ScoreReason[];
}

/**
 * A lead's score: the sum of the points of every rule that applies, each with why. Pure: the same
 * lead, touches and rules always give the same score and reasons, so capture, edits and the
 * background re-scoring agree.
 */
export function scoreLead(lead: ScoringSubject, touches: readonly TouchCount[], rules: readonly ScoringRuleDef[]): Score {
  const reasons: ScoreReason[] = [];
  for (const rule of rules) {
    if (rule.points === 0) continue;
    if (rule.engagement) {
      const e = rule.engagement;
      const seen = touches
        .filter((t) => t.kind === e.touchKind && (e.campaignId === undefined || t.campaignId === e.campaignId))
        .reduce((n, t) => n + t.count, 0);
      const times = e.maxTimes === undefined ? seen : Math.min(seen, e.maxTimes);
      if (times === 0) continue;
      const what = `${e.touchKind} touch${seen === 1 ? '' : 'es'}${e.campaignId ? ` of campaign ${e.campaignId}` : ''}`;
      const capped = times < seen ? ` (${seen}, counted at most ${times})` : '';
      reasons.push({ ruleId: rule.id, points: rule.points * times, why: `${times} × ${rule.points} for ${what}${capped}` });
    } else if (rule.when) {
      const why = conditionsHold(lead, rule.when);
      if (why) reasons.push({ ruleId: rule.id, points: rule.points, why });
    }
  }
  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons };
}

/** Why every condition holds (`industryCode I6510 starts with I65; …`), or null when one does not. */
export function conditionsHold(lead: ScoringSubject, when: ScoringConditions): string | null {
  const parts: string[] = [];
  if (when.industryCode !== undefined) {
    if (!lead.industryCode?.startsWith(when.industryCode)) return null;
    parts.push(`industryCode ${lead.industryCode} starts with ${when.industryCode}`);
  }
  if (when.regionCode !== undefined) {
    if (!lead.regionCode?.startsWith(when.regionCode)) return null;
    parts.push(`regionCode ${lead.regionCode} starts with ${when.regionCode}`);
  }
  if (when.segment !== undefined) {
    if (lead.segment === null || !when.segment.includes(lead.segment)) return null;
    parts.push(`segment ${lead.segment} is one of ${when.segment.join(', ')}`);
  }
  if (when.companySize !== undefined) {
    const { min, max } = when.companySize;
    const size = lead.companySize;
    if (size === null || (min !== undefined && size < min) || (max !== undefined && size > max)) return null;
    parts.push(`companySize ${size} in ${min ?? 0}–${max ?? '∞'}`);
  }
  if (when.source !== undefined) {
    if (!when.source.includes(lead.source as never)) return null;
    parts.push(`source ${lead.source} is one of ${when.source.join(', ')}`);
  }
  if (when.attributes !== undefined) {
    for (const [key, value] of Object.entries(when.attributes)) {
      if (lead.attributes?.[key] !== value) return null;
      parts.push(`attribute ${key} = ${JSON.stringify(value)}`);
    }
  }
  return parts.length ? parts.join('; ') : null;
}
