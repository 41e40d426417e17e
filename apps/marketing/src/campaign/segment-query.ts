import type { CampaignMemberKind, SegmentCriteria, SegmentLeadStatus } from '@crm/contracts';
import { allOf, anyPrefix, inList, type SqlFragment } from './scope-sql.js';

/** Leads a segment targets unless it names statuses: the open ones. */
export const OPEN_LEAD_STATUSES: readonly SegmentLeadStatus[] = ['new', 'working', 'nurturing', 'qualified'];

const present = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** Whether the criteria name anything to match on (an empty segment would target every lead and account). */
export function hasCriteria(c: SegmentCriteria): boolean {
  return (
    present(c.industryCodes) || present(c.regionPrefixes) || present(c.segments) || c.minScore !== undefined || present(c.leadStatuses)
  );
}

/**
 * Which kinds of member a segment targets: `memberKinds` when given; otherwise leads only when a
 * lead-only criterion (minScore, leadStatuses) is set, else leads and accounts.
 */
export function segmentKinds(c: SegmentCriteria): CampaignMemberKind[] {
  if (present(c.memberKinds)) return [...new Set(c.memberKinds)];
  return c.minScore !== undefined || present(c.leadStatuses) ? ['lead'] : ['lead', 'account'];
}

/**
 * The WHERE condition selecting a segment's leads from `lead <alias>`: industry codes and region
 * prefixes by prefix, segments exactly, score at least minScore, status among leadStatuses (default
 * the open ones). Lists are ORed within, criteria ANDed. `1 = 0` when the segment targets no leads.
 */
export function leadSegmentWhere(c: SegmentCriteria, alias = 'l'): SqlFragment {
  if (!segmentKinds(c).includes('lead')) return { sql: '1 = 0', params: [] };
  const parts: SqlFragment[] = [];
  if (present(c.industryCodes)) parts.push(anyPrefix(`${alias}.industry_code`, c.industryCodes));
  if (present(c.regionPrefixes)) parts.push(anyPrefix(`${alias}.region_code`, c.regionPrefixes));
  if (present(c.segments)) parts.push(inList(`${alias}.segment`, c.segments));
  if (c.minScore !== undefined) parts.push({ sql: `${alias}.score >= ?`, params: [c.minScore] });
  parts.push(inList(`${alias}.status`, present(c.leadStatuses) ? c.leadStatuses : OPEN_LEAD_STATUSES));
  return allOf(parts);
}

/**
 * The WHERE condition selecting a segment's accounts from `sales_account_fact <alias>`: industry,
 * region and segment as for leads (the lead-only criteria do not apply to accounts). `1 = 0` when
 * the segment targets no accounts.
 */
export function accountSegmentWhere(c: SegmentCriteria, alias = 'a'): SqlFragment {
  if (!segmentKinds(c).includes('account')) return { sql: '1 = 0', params: [] };
  const parts: SqlFragment[] = [];
  if (present(c.industryCodes)) parts.push(anyPrefix(`${alias}.industry_code`, c.industryCodes));
  if (present(c.regionPrefixes)) parts.push(anyPrefix(`${alias}.region_code`, c.regionPrefixes));
  if (present(c.segments)) parts.push(inList(`${alias}.segment`, c.segments));
  return allOf(parts);
}

/** The stored form of criteria: empty lists dropped, lists deduplicated, so equal segments compare equal. */
export function normaliseCriteria(c: SegmentCriteria): SegmentCriteria {
  const out: SegmentCriteria = {};
  if (present(c.industryCodes)) out.industryCodes = [...new Set(c.industryCodes)];
  if (present(c.regionPrefixes)) out.regionPrefixes = [...new Set(c.regionPrefixes)];
  if (present(c.segments)) out.segments = [...new Set(c.segments)];
  if (c.minScore !== undefined) out.minScore = c.minScore;
  if (present(c.leadStatuses)) out.leadStatuses = [...new Set(c.leadStatuses)];
  if (present(c.memberKinds)) out.memberKinds = [...new Set(c.memberKinds)];
  return out;
}
