import { LeadRefDto } from './lead-ref.dto.js';

export const LEAD_GET_V1 = 'marketing.lead.get.v1';

export class GetLeadDto extends LeadRefDto {}
