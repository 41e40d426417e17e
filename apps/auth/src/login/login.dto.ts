import { ApiProperty } from '@nestjs/swagger';
import { SecondFactorFields } from '../two-factor/two-factor.dto.js';
import type { SessionTokens } from '../session/session.service.js';

/** `POST /auth/login`'s body, read by passport-local (LocalStrategy); documented here, checked there. */
export class LoginDto extends SecondFactorFields {
  @ApiProperty({ example: 'E100001' })
  employeeId: string;

  @ApiProperty({ example: 'my own long passphrase 2026' })
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refreshToken of the last login or refresh; it stops working once used' })
  refreshToken: string;
}

export class SessionTokensResponse implements SessionTokens {
  @ApiProperty({ description: 'Send as `Authorization: Bearer …` (HTTP) or `data.actor` (RabbitMQ calls)' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'seconds' })
  expiresIn: number;

  @ApiProperty()
  refreshToken: string;

  @ApiProperty({ description: 'seconds' })
  refreshExpiresIn: number;

  @ApiProperty({ example: 'E100001' })
  employeeId: string;

  @ApiProperty({ type: [String], example: ['account.read', 'audit.read'] })
  permissions: string[];
}
