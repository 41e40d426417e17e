import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EMPLOYEE_SESSION_V1, EmployeeSessionQueryDto, type EmployeeSessionState } from '@crm/contracts';
import { ActorDirectory } from '@crm/security';

@Controller()
export class EmployeeSessionController {
  constructor(@Inject(ActorDirectory) private readonly directory: ActorDirectory) {}

  /** Other apps ask here when they hold an employee's token and do not remember the employee. */
  @MessagePattern(EMPLOYEE_SESSION_V1)
  session(@Payload('payload') dto: EmployeeSessionQueryDto): Promise<EmployeeSessionState> {
    return this.directory.session(dto.employeeId);
  }
}
