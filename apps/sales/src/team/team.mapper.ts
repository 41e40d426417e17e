import type { TeamMembersChangedData, TeamView } from '@crm/contracts';
import type { TeamRow } from './team.repository.js';

export function toTeamView(t: TeamRow): TeamView {
  return {
    teamId: t.id,
    name: t.name,
    managerId: t.managerId,
    members: [...t.members].sort(),
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The event auth builds `team` scopes from: everyone in the team, the manager included. */
export function toMembersChanged(t: TeamRow): TeamMembersChangedData {
  return {
    teamId: t.id,
    name: t.name,
    managerId: t.managerId,
    members: [...new Set([...t.members, t.managerId])].sort(),
    version: t.version,
  };
}
