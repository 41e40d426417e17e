/** The service app's case contracts: one file per message beside this barrel. */
import {
  CASE_ASSIGNED_V1,
  CASE_CREATED_V1,
  CASE_ESCALATED_V1,
  CASE_MERGED_V1,
  CASE_NOTIFICATION_V1,
  CASE_STATUS_CHANGED_V1,
  CASE_UPDATED_V1,
  type CaseEventData,
  type CaseNotificationData,
} from './case-events.js';

export * from './case.types.js';
export * from './create-case.dto.js';
export * from './update-case.dto.js';
export * from './get-case.dto.js';
export * from './list-cases.dto.js';
export * from './transition-case.dto.js';
export * from './assign-case.dto.js';
export * from './escalate-case.dto.js';
export * from './close-case.dto.js';
export * from './merge-cases.dto.js';
export * from './link-case.dto.js';
export * from './case-events.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceCaseEventPayloads {
  [CASE_CREATED_V1]: CaseEventData;
  [CASE_UPDATED_V1]: CaseEventData;
  [CASE_STATUS_CHANGED_V1]: CaseEventData;
  [CASE_ASSIGNED_V1]: CaseEventData;
  [CASE_ESCALATED_V1]: CaseEventData;
  [CASE_MERGED_V1]: CaseEventData;
  [CASE_NOTIFICATION_V1]: CaseNotificationData;
}
