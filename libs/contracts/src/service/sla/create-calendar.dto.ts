import { CalendarFieldsDto } from './calendar-fields.dto.js';

export const SERVICE_CALENDAR_CREATE_V1 = 'service.calendar.create.v1';

export class CreateCalendarDto extends CalendarFieldsDto {}
