/** The service app's workflow contracts: one file per message beside this barrel. */
import { WORKFLOW_RULE_CHANGED_V1, type WorkflowRuleChangedData } from './workflow-events.js';

export * from './workflow.types.js';
export * from './create-workflow-rule.dto.js';
export * from './update-workflow-rule.dto.js';
export * from './get-workflow-rule.dto.js';
export * from './list-workflow-rules.dto.js';
export * from './workflow-events.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceWorkflowEventPayloads {
  [WORKFLOW_RULE_CHANGED_V1]: WorkflowRuleChangedData;
}
