import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors } from '@crm/runtime';
import {
  ConfirmTwoFactorDto,
  ConfirmTwoFactorResponse,
  DisableTwoFactorDto,
  EnrollTwoFactorDto,
  EnrollTwoFactorResponse,
} from './two-factor.dto.js';
import { TwoFactorService } from './two-factor.service.js';

/**
 * TOTP two-factor authentication. Every step re-authenticates with the password (not a token), so
 * an employee whose role requires 2FA can enrol before they are able to log in.
 */
@ApiTags('two-factor')
@Controller('auth/2fa')
export class TwoFactorController {
  constructor(@Inject(TwoFactorService) private readonly twoFactor: TwoFactorService) {}

  @Post('enroll')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start enrolment: new secret as otpauth URI and QR code (shown once); not enforced until confirmed' })
  @ApiBody({ type: EnrollTwoFactorDto })
  @ApiOkResponse({ type: EnrollTwoFactorResponse })
  @ApiErrors([ErrorCode.InvalidCredentials, 'wrong ID or password'], [ErrorCode.Conflict, 'two-factor authentication is already on'])
  enroll(@Body() body: EnrollTwoFactorDto): Promise<EnrollTwoFactorResponse> {
    return this.twoFactor.enroll(body.employeeId, body.password);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm with a first code (`totp`); returns 10 single-use recovery codes (shown once)' })
  @ApiBody({ type: ConfirmTwoFactorDto })
  @ApiOkResponse({ type: ConfirmTwoFactorResponse })
  @ApiErrors(
    [ErrorCode.InvalidCredentials, 'wrong ID, password or code'],
    [ErrorCode.NotFound, 'no enrolment pending'],
    [ErrorCode.Conflict, 'already confirmed'],
  )
  confirm(@Body() body: ConfirmTwoFactorDto): Promise<ConfirmTwoFactorResponse> {
    // Validation guarantees one of them.
    return this.twoFactor.confirm(body.employeeId, body.password, (body.totp ?? body.code)!);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn two-factor authentication off (password and a current or recovery code)' })
  @ApiBody({ type: DisableTwoFactorDto })
  @ApiNoContentResponse({ description: 'two-factor authentication is off' })
  @ApiErrors(
    [ErrorCode.InvalidCredentials, 'wrong ID, password or code'],
    [ErrorCode.Forbidden, 'a role of the employee requires two-factor authentication'],
  )
  async disable(@Body() body: DisableTwoFactorDto): Promise<void> {
    await this.twoFactor.disable(body.employeeId, body.password, { totp: body.totp ?? body.code, recoveryCode: body.recoveryCode });
  }
}
