import { WorkorderRefDto } from './workorder-ref.dto.js';

export const WORKORDER_QUERY_V1 = 'service.workorder.query.v1';

export class QueryWorkorderDto extends WorkorderRefDto {}
