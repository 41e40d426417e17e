import { Inject, Injectable } from '@nestjs/common';
import type { CallerProfile } from '@crm/contracts';
import { CallerDirectory } from '@crm/security';
import { CallerService } from './caller.service.js';

/** In `auth` the guard checks credentials against the local store, with no broker round trip. */
@Injectable()
export class LocalCallerDirectory extends CallerDirectory {
  constructor(@Inject(CallerService) private readonly callers: CallerService) {
    super();
  }

  verify(name: string, password: string, source: string | null): Promise<CallerProfile> {
    return this.callers.verify(name, password, source);
  }
}
