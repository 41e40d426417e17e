import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { AppName, PingReply } from '@crm/contracts';
import { CallContext } from '@crm/security';

/**
 * `<app>.system.ping.v1`: lets a partner check its credentials and the round trip without
 * touching business data. Authenticated and logged like any other call.
 */
export function createPingController(app: AppName): Type<unknown> {
  @Controller()
  class PingController {
    @MessagePattern(`${app}.system.ping.v1`)
    ping(@CallContext() ctx: CallContext): PingReply {
      return { app, caller: ctx.caller, at: new Date().toISOString() };
    }
  }
  return PingController;
}
