import type { CallerProfile } from '@crm/contracts';

/**
 * Where credentials are checked when this process has not verified them yet: `auth` checks its
 * own store; every other app asks `auth` over the broker. Rejections are thrown as CrmError with
 * the SPEC code (4002, 4003, 4004, 4005), so auth counts every failure in one place.
 */
export abstract class CallerDirectory {
  abstract verify(name: string, password: string, source: string | null): Promise<CallerProfile>;
}
