import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors } from '@crm/runtime';
import { ChangePasswordDto, ChangePasswordResponse } from './password.dto.js';
import { PasswordService } from './password.service.js';

@ApiTags('password')
@Controller('auth/password')
export class PasswordController {
  constructor(@Inject(PasswordService) private readonly passwords: PasswordService) {}

  @Post('change')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change the password (first login included): re-authenticates with the current password (and TOTP when enrolled); ends every session',
  })
  @ApiBody({ type: ChangePasswordDto })
  @ApiOkResponse({ type: ChangePasswordResponse })
  @ApiErrors(
    [ErrorCode.InvalidCredentials, 'wrong ID, current password or second factor'],
    [ErrorCode.ActorInvalid, 'second factor required'],
    [ErrorCode.ValidationFailed, 'the new password breaks the policy or was used recently (see details)'],
  )
  change(@Body() body: ChangePasswordDto): Promise<ChangePasswordResponse> {
    return this.passwords.change(body);
  }
}
