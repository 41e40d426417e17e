import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  change(@Body() body: ChangePasswordDto): Promise<ChangePasswordResponse> {
    return this.passwords.change(body);
  }
}
