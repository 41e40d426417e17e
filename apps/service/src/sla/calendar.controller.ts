import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCalendarDto,
  GetCalendarDto,
  ListCalendarsDto,
  SERVICE_CALENDAR_CREATE_V1,
  SERVICE_CALENDAR_GET_V1,
  SERVICE_CALENDAR_LIST_V1,
  SERVICE_CALENDAR_UPDATE_V1,
  UpdateCalendarDto,
  type CalendarPage,
  type CalendarView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { CalendarService } from './calendar.service.js';

@Controller()
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendars: CalendarService) {}

  @MessagePattern(SERVICE_CALENDAR_CREATE_V1)
  @RequirePermission('sla.manage')
  create(@Payload('payload') dto: CreateCalendarDto, @CallContext() ctx: CallContext): Promise<CalendarView> {
    return this.calendars.create(dto, ctx);
  }

  @MessagePattern(SERVICE_CALENDAR_UPDATE_V1)
  @RequirePermission('sla.manage')
  update(@Payload('payload') dto: UpdateCalendarDto, @CallContext() ctx: CallContext): Promise<CalendarView> {
    return this.calendars.update(dto, ctx);
  }

  @MessagePattern(SERVICE_CALENDAR_GET_V1)
  @RequirePermission('case.read')
  get(@Payload('payload') dto: GetCalendarDto): Promise<CalendarView> {
    return this.calendars.get(dto.calendarId);
  }

  @MessagePattern(SERVICE_CALENDAR_LIST_V1)
  @RequirePermission('case.read')
  list(@Payload('payload') dto: ListCalendarsDto): Promise<CalendarPage> {
    return this.calendars.list(dto);
  }
}
