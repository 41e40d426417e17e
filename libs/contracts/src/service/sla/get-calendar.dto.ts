import { IsUUID } from 'class-validator';

export const SERVICE_CALENDAR_GET_V1 = 'service.calendar.get.v1';

export class GetCalendarDto {
  @IsUUID('4')
  calendarId: string;
}
