import { Reflector } from '@nestjs/core';

/**
 * The permission an RPC handler needs (`@RequirePermission('customer.write')`). The shared guard
 * then requires an `actor` token (4010 without a valid one) whose employee holds it (4030).
 */
export const RequirePermission = Reflector.createDecorator<string>();
