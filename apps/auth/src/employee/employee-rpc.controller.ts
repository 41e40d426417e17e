import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EMPLOYEE_GET_V1, GetEmployeeDto, type EmployeePublicProfile } from '@crm/contracts';
import { EmployeeQueryService } from './employee-query.service.js';

/** Other apps read an employee's public profile (no contact data, no secrets). */
@Controller()
export class EmployeeRpcController {
  constructor(@Inject(EmployeeQueryService) private readonly query: EmployeeQueryService) {}

  @MessagePattern(EMPLOYEE_GET_V1)
  get(@Payload('payload') dto: GetEmployeeDto): Promise<EmployeePublicProfile> {
    return this.query.publicProfile(dto.employeeId);
  }
}
