/** The service app's sla contracts: one file per message beside this barrel. */
import { SERVICE_CASE_SLA_BREACHED_V1, SERVICE_CASE_SLA_WARNING_V1, type CaseSlaEventData } from './case-sla.event.js';
import {
  SERVICE_CALENDAR_CHANGED_V1,
  SERVICE_SLA_POLICY_CHANGED_V1,
  type CalendarChangedData,
  type SlaPolicyChangedData,
} from './sla-config-changed.event.js';

export * from './sla.types.js';
export * from './calendar-fields.dto.js';
export * from './create-calendar.dto.js';
export * from './update-calendar.dto.js';
export * from './get-calendar.dto.js';
export * from './list-calendars.dto.js';
export * from './create-sla-policy.dto.js';
export * from './update-sla-policy.dto.js';
export * from './get-sla-policy.dto.js';
export * from './list-sla-policies.dto.js';
export * from './sla-config-changed.event.js';
export * from './case-sla.event.js';

/** The events this feature publishes, by pattern (merged into `EventPayloads`). */
export interface ServiceSlaEventPayloads {
  [SERVICE_CASE_SLA_WARNING_V1]: CaseSlaEventData;
  [SERVICE_CASE_SLA_BREACHED_V1]: CaseSlaEventData;
  [SERVICE_CALENDAR_CHANGED_V1]: CalendarChangedData;
  [SERVICE_SLA_POLICY_CHANGED_V1]: SlaPolicyChangedData;
}
