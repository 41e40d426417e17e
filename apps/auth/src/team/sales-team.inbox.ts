import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SALES_TEAM_MEMBERS_CHANGED_V1, TeamMembersChangedEventDto } from '@crm/contracts';
import { InboxHandler, type InboxEvent } from '@crm/inbox';
import { SalesTeamMembership } from './sales-team-membership.js';

/**
 * Keeps `team_member` rows of app `sales` from the teams sales publishes (queue
 * `<ns>.auth.in.sales-teams`), so a manager's `team` scope covers their team's members.
 */
@Injectable()
export class SalesTeamInbox {
  private readonly log = new Logger('SalesTeamInbox');

  constructor(@Inject(SalesTeamMembership) private readonly membership: SalesTeamMembership) {}

  @InboxHandler(SALES_TEAM_MEMBERS_CHANGED_V1, TeamMembersChangedEventDto)
  async changed(event: InboxEvent<TeamMembersChangedEventDto>, m: EntityManager): Promise<void> {
    const outcome = await this.membership.apply(m, event.data, event.employeeId ?? event.caller ?? 'sales');
    if (outcome.applied && outcome.unknown.length)
      this.log.warn(`sales team ${event.data.teamId} v${event.data.version}: unknown employee IDs left out: ${outcome.unknown.join(', ')}`);
  }
}
