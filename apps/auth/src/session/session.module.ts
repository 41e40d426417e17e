import { Module } from '@nestjs/common';
import { SessionRevoker } from './session-revoker.js';

/** Employee sessions: revocation now; refresh tokens and per-session logout build on it. */
@Module({
  providers: [SessionRevoker],
  exports: [SessionRevoker],
})
export class SessionModule {}
