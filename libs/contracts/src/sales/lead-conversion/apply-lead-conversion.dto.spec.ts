import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApplyLeadConversionDto } from './apply-lead-conversion.dto.js';

const leadIdErrors = (leadId: string) =>
  validateSync(plainToInstance(ApplyLeadConversionDto, { leadId, employeeId: 'E100005', channel: 'online' })).filter(
    (e) => e.property === 'leadId',
  );

describe('ApplyLeadConversionDto.leadId', () => {
  it('accepts the version 4 ids of older leads and the time-ordered version 7 ids of newer ones', () => {
    expect(leadIdErrors('0b8f4f0e-5c1d-4a3e-9f00-0000000000aa')).toEqual([]);
    expect(leadIdErrors('019ad6c4-2a10-7123-8abc-0123456789ab')).toEqual([]);
  });

  it('refuses anything else', () => {
    expect(leadIdErrors('not-a-lead')).toHaveLength(1);
    expect(leadIdErrors('5d3f0a2e-ce12-11f0-8de9-0242ac120002')).toHaveLength(1); // version 1
  });
});
