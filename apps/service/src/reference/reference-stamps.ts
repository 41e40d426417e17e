import { Global, Injectable, Module } from '@nestjs/common';
import { TableStamps, versionedStamp } from '@crm/persistence';

/**
 * The service's reference tables that every case opening reads — SLA policies and their tiers,
 * business calendars, workflow rules, queues — stamped in one round trip per transaction, so each
 * feature can keep its reference per process (`StampedCache`) and still see a change committed on
 * any replica at its next use.
 */
@Injectable()
export class ReferenceStamps extends TableStamps {
  constructor() {
    super({
      sla_policy: versionedStamp('sla_policy'),
      // Tiers have no version of their own; they are rewritten with their policy, whose version moves too.
      sla_policy_tier: `(SELECT CONCAT_WS('/', COUNT(*), BIT_XOR(CRC32(CONCAT_WS('/', tier, policy_id)))) FROM sla_policy_tier)`,
      business_calendar: versionedStamp('business_calendar'),
      workflow_rule: versionedStamp('workflow_rule'),
      // `last_member_id` (the round-robin turn) is not stamped: routing does not read it.
      service_queue: versionedStamp('service_queue'),
    });
  }
}

@Global()
@Module({ providers: [ReferenceStamps], exports: [ReferenceStamps] })
export class ReferenceStampsModule {}
