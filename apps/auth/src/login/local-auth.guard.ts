import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { CrmError, ErrorCode } from '@crm/contracts';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw err;
    // passport-local reports missing fields without calling validate().
    if (!user) throw new CrmError(ErrorCode.CredentialsMissing, 'employeeId and password are required');
    return user;
  }
}
