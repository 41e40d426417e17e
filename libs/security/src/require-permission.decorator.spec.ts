import { describe, expect, it } from '@jest/globals';
import { Reflector } from '@nestjs/core';
import { RequirePermission } from './require-permission.decorator.js';
import { RequirePermissions } from './operator/permission.guard.js';

describe('@RequirePermission', () => {
  it('takes registry keys only: a free string does not compile (checked by `npm run typecheck`)', () => {
    class Handlers {
      @RequirePermission('customer.pii.read')
      read(): void {}
      // @ts-expect-error -- not a permission of the registry
      @RequirePermission('customer.delete')
      typo(): void {}
      // @ts-expect-error -- HTTP routes take registry keys too
      @RequirePermissions(['audit.everything'])
      route(): void {}
    }
    expect(new Reflector().get(RequirePermission, Handlers.prototype.read)).toBe('customer.pii.read');
  });
});
