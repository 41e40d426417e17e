import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TeamMembersChangedData } from '@crm/contracts';

export interface MembershipOutcome {
  /** False when auth already holds this version of the team or a newer one. */
  applied: boolean;
  /** Members auth has no employee for (left out: `team_member` refers to `employee`). */
  unknown: string[];
}

/**
 * A sales team's members as auth's `team_member` rows (app `sales`, team = the team id), which
 * `EmployeeRoles.scopesOf` resolves `team` scopes through. Only a newer `version` than the stored
 * one is applied: replicas and redeliveries may hand over a team's events in any order.
 */
@Injectable()
export class SalesTeamMembership {
  async apply(m: EntityManager, team: TeamMembersChangedData, by: string): Promise<MembershipOutcome> {
    await m.query("INSERT IGNORE INTO team_source (app, team, version) VALUES ('sales', ?, 0)", [team.teamId]);
    // The row lock orders competing replicas applying two versions of one team.
    const held: Array<{ version: number }> = await m.query("SELECT version FROM team_source WHERE app = 'sales' AND team = ? FOR UPDATE", [
      team.teamId,
    ]);
    if (Number(held[0]?.version ?? 0) >= team.version) return { applied: false, unknown: [] };
    const wanted = [...new Set(team.members)].sort();
    const found: Array<{ e: string }> = wanted.length
      ? await m.query('SELECT employee_id AS e FROM employee WHERE employee_id IN (?)', [wanted])
      : [];
    const known = new Set(found.map((r) => r.e));
    const unknown = wanted.filter((e) => !known.has(e));
    await m.query("DELETE FROM team_member WHERE app = 'sales' AND team = ?", [team.teamId]);
    const rows = wanted.filter((e) => known.has(e)).map((e) => ['sales', team.teamId, e, by.slice(0, 64)]);
    if (rows.length) await m.query('INSERT INTO team_member (app, team, employee_id, added_by) VALUES ?', [rows]);
    await m.query("UPDATE team_source SET version = ?, name = ?, manager_id = ?, unknown_members = ? WHERE app = 'sales' AND team = ?", [
      team.version,
      team.name.slice(0, 100),
      team.managerId,
      unknown.length ? JSON.stringify(unknown) : null,
      team.teamId,
    ]);
    return { applied: true, unknown };
  }
}
