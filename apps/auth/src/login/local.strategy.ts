import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { EmployeeService, type AuthenticatedEmployee } from '../employee/employee.service.js';

/** passport-local with the employee ID as the user name. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(EmployeeService) private readonly employees: EmployeeService) {
    super({ usernameField: 'employeeId', passwordField: 'password' });
  }

  validate(employeeId: string, password: string): Promise<AuthenticatedEmployee> {
    return this.employees.authenticate(employeeId, password);
  }
}
