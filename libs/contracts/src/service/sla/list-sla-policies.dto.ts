import { SlaPageDto } from './sla.types.js';

export const SERVICE_SLA_POLICY_LIST_V1 = 'service.sla-policy.list.v1';

/** Newest first. */
export class ListSlaPoliciesDto extends SlaPageDto {}
