import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { EmployeeService, type AuthenticatedEmployee } from '../employee/employee.service.js';
import { TwoFactorService, type SecondFactorInput } from '../two-factor/two-factor.service.js';

/** passport-local with the employee ID as the user name; `totp` (or `recoveryCode`) in the body once 2FA is on. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(EmployeeService) private readonly employees: EmployeeService,
    @Inject(TwoFactorService) private readonly twoFactor: TwoFactorService,
  ) {
    super({ usernameField: 'employeeId', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, employeeId: string, password: string): Promise<AuthenticatedEmployee> {
    const body = (req.body ?? {}) as SecondFactorInput;
    // The TCP peer, as for forgot-password rate limits: X-Forwarded-For is chosen by the client.
    return this.employees.authenticate(employeeId, password, {
      secondFactor: this.twoFactor.secondFactorFor(body),
      source: req.socket.remoteAddress ?? null,
    });
  }
}
