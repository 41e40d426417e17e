import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors } from '@crm/runtime';
import type { Request } from 'express';
import { ForgotPasswordDto, ForgotPasswordResponse, ResetPasswordDto } from './password-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

const ACCEPTED: ForgotPasswordResponse = { accepted: true, message: 'If an active account matches, a code has been sent to it.' };

@ApiTags('password')
@Controller('auth/password')
export class PasswordResetController {
  constructor(@Inject(PasswordResetService) private readonly resets: PasswordResetService) {}

  @Post('forgot')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a one-time 6-digit code to the account with this e-mail or phone. Same answer whether or not it exists.' })
  @ApiBody({ type: ForgotPasswordDto })
  @ApiAcceptedResponse({ type: ForgotPasswordResponse })
  @ApiErrors([
    ErrorCode.RateLimited,
    'too many requests for this e-mail/phone or from this address (counted the same for unknown accounts)',
  ])
  async forgot(@Body() body: ForgotPasswordDto, @Req() req: Request): Promise<ForgotPasswordResponse> {
    // The socket address, not X-Forwarded-For: a header the client writes would let it pick its own bucket.
    await this.resets.forgot(body, req.socket.remoteAddress ?? 'unknown');
    return ACCEPTED;
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the code (and TOTP when enrolled); ends every session and clears a lockout' })
  @ApiBody({ type: ResetPasswordDto })
  @ApiNoContentResponse({ description: 'password changed; every session ended' })
  @ApiErrors(
    [ErrorCode.InvalidCredentials, 'wrong or expired code, or wrong second factor'],
    [ErrorCode.ActorInvalid, 'second factor required'],
    [ErrorCode.ValidationFailed, 'the new password breaks the policy or was used recently (see details)'],
  )
  async reset(@Body() body: ResetPasswordDto): Promise<void> {
    await this.resets.reset(body);
  }
}
