import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsTimeZone, MaxLength, ValidateNested } from 'class-validator';
import { HolidayDto, WeekHoursDto } from './sla.types.js';

/** The fields of a calendar; on update each one is optional and replaces the stored value. */
export class CalendarFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** IANA time zone of the working hours; default `Asia/Shanghai`. */
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Shanghai' })
  timeZone?: string;

  @ValidateNested()
  @Type(() => WeekHoursDto)
  hours: WeekHoursDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];
}
