import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { actorOf, requestKeyOf } from './actor-context.js';

/** Handler parameter: `<caller>|<requestId or record id>`, or null for a one-way call without either. */
export const RequestKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null =>
  requestKeyOf(ctx.switchToRpc().getData<Record<string | symbol, unknown>>()),
);

/** The employee ID of the verified `actor` token, or null when the call carries none. */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null =>
  actorOf(ctx.switchToRpc().getData<Record<string | symbol, unknown>>()),
);
