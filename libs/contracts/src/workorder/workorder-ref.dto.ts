import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Addresses one order by EOMS's `orderNo`; every action on an existing order extends it. */
export class WorkorderRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'orderNo may hold letters, digits and . _ : -' })
  orderNo: string;
}
