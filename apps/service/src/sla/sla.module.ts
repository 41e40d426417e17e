import { Global, Module } from '@nestjs/common';
import { SlaClock, type CaseSla } from './sla-clock.js';

const NONE: CaseSla = { slaPolicyId: null, entitlementId: null, responseDueAt: null, resolutionDueAt: null, slaState: null };

/** Placeholder until SLA policies land: no policy applies to any case. */
class NoSla extends SlaClock {
  start(): Promise<CaseSla> {
    return Promise.resolve(NONE);
  }
  change(): Promise<CaseSla> {
    return Promise.resolve(NONE);
  }
  view(): Promise<Map<string, CaseSla>> {
    return Promise.resolve(new Map());
  }
}

/** Service: business calendars, SLA policies and the SLA clock. */
@Global()
@Module({ providers: [{ provide: SlaClock, useClass: NoSla }], exports: [SlaClock] })
export class SlaModule {}
