import { SlaPageDto } from './sla.types.js';

export const SERVICE_CALENDAR_LIST_V1 = 'service.calendar.list.v1';

/** Newest first. */
export class ListCalendarsDto extends SlaPageDto {}
