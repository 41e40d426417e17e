import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestKeyOf } from './actor-context.js';

/** Handler parameter: `<caller>|<requestId or record id>`, or null for a one-way call without either. */
export const RequestKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null =>
  requestKeyOf(ctx.switchToRpc().getData<Record<string | symbol, unknown>>()),
);
