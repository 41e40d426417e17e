import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { AppName } from '@crm/contracts';

/**
 * `<app>.system.ping.v1`: lets a partner check its credentials and the round trip without
 * touching business data. Authenticated and logged like any other call.
 */
export function createPingController(app: AppName): Type<unknown> {
  @Controller()
  class PingController {
    @MessagePattern(`${app}.system.ping.v1`)
    ping(@Payload('caller') caller: string) {
      return { app, caller, at: new Date().toISOString() };
    }
  }
  return PingController;
}
