/** The marketing app's lead contracts (leads, scoring rules, assignment rules): one file per message beside this barrel. */
import { ASSIGNMENT_RULE_CHANGED_V1, type AssignmentRuleChangedData } from './assignment-rule-changed.event.js';
import { LEAD_ASSIGNED_V1, type LeadAssignedData } from './lead-assigned.event.js';
import { LEAD_CAPTURED_V1, type LeadCapturedData } from './lead-captured.event.js';
import { LEAD_MERGED_V1, type LeadMergedData } from './lead-merged.event.js';
import { LEAD_STATUS_CHANGED_V1, type LeadStatusChangedData } from './lead-status-changed.event.js';
import { LEAD_UPDATED_V1, type LeadUpdatedData } from './lead-updated.event.js';
import { LEAD_CONVERTED_V1, type LeadConvertedData } from './lead-converted.event.js';
import { LEAD_CONVERSION_FAILED_V1, type LeadConversionFailedData } from './lead-conversion-failed.event.js';
import { SCORING_RULE_CHANGED_V1, type ScoringRuleChangedData } from './scoring-rule-changed.event.js';

export * from './lead.types.js';
export * from './lead-ref.dto.js';
export * from './lead-events.types.js';
export * from './capture-lead.dto.js';
export * from './get-lead.dto.js';
export * from './list-leads.dto.js';
export * from './update-lead.dto.js';
export * from './transition-lead.dto.js';
export * from './merge-leads.dto.js';
export * from './assign-lead.dto.js';
export * from './lead-history.dto.js';
export * from './lead-captured.event.js';
export * from './lead-updated.event.js';
export * from './lead-merged.event.js';
export * from './lead-assigned.event.js';
export * from './lead-status-changed.event.js';
export * from './convert-lead.dto.js';
export * from './lead-converted.event.js';
export * from './lead-conversion-failed.event.js';
export * from './scoring-rule.types.js';
export * from './scoring-rule-ref.dto.js';
export * from './create-scoring-rule.dto.js';
export * from './update-scoring-rule.dto.js';
export * from './get-scoring-rule.dto.js';
export * from './delete-scoring-rule.dto.js';
export * from './list-scoring-rules.dto.js';
export * from './rescore-status.dto.js';
export * from './scoring-rule-changed.event.js';
export * from './assignment-rule.types.js';
export * from './assignment-rule-ref.dto.js';
export * from './create-assignment-rule.dto.js';
export * from './update-assignment-rule.dto.js';
export * from './get-assignment-rule.dto.js';
export * from './delete-assignment-rule.dto.js';
export * from './list-assignment-rules.dto.js';
export * from './assignment-rule-changed.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface MarketingLeadEventPayloads {
  [LEAD_CAPTURED_V1]: LeadCapturedData;
  [LEAD_UPDATED_V1]: LeadUpdatedData;
  [LEAD_MERGED_V1]: LeadMergedData;
  [LEAD_ASSIGNED_V1]: LeadAssignedData;
  [LEAD_STATUS_CHANGED_V1]: LeadStatusChangedData;
  [LEAD_CONVERTED_V1]: LeadConvertedData;
  [LEAD_CONVERSION_FAILED_V1]: LeadConversionFailedData;
  [SCORING_RULE_CHANGED_V1]: ScoringRuleChangedData;
  [ASSIGNMENT_RULE_CHANGED_V1]: AssignmentRuleChangedData;
}
