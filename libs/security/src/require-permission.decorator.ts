import { Reflector } from '@nestjs/core';
import type { Permission } from '@crm/contracts';

/**
 * The permission an RPC handler needs (`@RequirePermission('account.write')`), a key of the
 * registry in `@crm/contracts` (anything else does not compile). The shared guard then requires an
 * `actor` token (4010 without a valid one) whose employee holds it (4030).
 */
export const RequirePermission = Reflector.createDecorator<Permission>();
