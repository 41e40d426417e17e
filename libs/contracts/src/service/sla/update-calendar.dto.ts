import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { HolidayDto, WeekHoursDto } from './sla.types.js';

export const SERVICE_CALENDAR_UPDATE_V1 = 'service.calendar.update.v1';

/** Replaces the fields given; open cases keep the due times computed so far until their next change. */
export class UpdateCalendarDto {
  @IsUUID('4')
  calendarId: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Shanghai' })
  timeZone?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WeekHoursDto)
  hours?: WeekHoursDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];
}
