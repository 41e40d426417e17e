import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CrmError, ErrorCode, type ScopedApp } from '@crm/contracts';
import { ChangeRecorder } from '@crm/outbox';
import { changeContext, type Actor } from '../operation/actor.js';
import type { TeamView } from './team.dto.js';

/**
 * Team membership per business app, which `team` data scopes resolve through (EmployeeRoles.scopesOf).
 * A change reaches other apps when their cached session state expires (ACTOR_CACHE_TTL_SECONDS).
 */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
  ) {}

  async list(): Promise<TeamView[]> {
    const rows: Array<{ app: string; team: string; e: string }> = await this.dataSource.query(
      'SELECT app, team, employee_id AS e FROM team_member ORDER BY app, team, e',
    );
    const out = new Map<string, TeamView>();
    for (const r of rows) {
      const key = `${r.app}/${r.team}`;
      const view = out.get(key) ?? { app: r.app, team: r.team, members: [] };
      view.members.push(r.e);
      out.set(key, view);
    }
    return [...out.values()];
  }

  async setMembers(actor: Actor, app: ScopedApp, team: string, members: string[]): Promise<TeamView> {
    const wanted = [...new Set(members)].sort();
    await this.dataSource.transaction(async (m) => {
      if (wanted.length) {
        const found: Array<{ e: string }> = await m.query('SELECT employee_id AS e FROM employee WHERE employee_id IN (?)', [wanted]);
        const known = new Set(found.map((r) => r.e));
        const unknown = wanted.filter((e) => !known.has(e));
        if (unknown.length)
          throw new CrmError(ErrorCode.ValidationFailed, 'unknown employee', [
            { field: 'members', reasons: [`unknown employee(s): ${unknown.join(', ')}`] },
          ]);
      }
      const before: Array<{ e: string }> = await m.query(
        'SELECT employee_id AS e FROM team_member WHERE app = ? AND team = ? ORDER BY e FOR UPDATE',
        [app, team],
      );
      const old = before.map((r) => r.e);
      if (JSON.stringify(old) === JSON.stringify(wanted)) return;
      await m.query('DELETE FROM team_member WHERE app = ? AND team = ?', [app, team]);
      for (const e of wanted)
        await m.query('INSERT INTO team_member (app, team, employee_id, added_by) VALUES (?, ?, ?, ?)', [app, team, e, actor.id]);
      await this.changes.record(m, changeContext(actor), {
        entity: 'team',
        entityId: `${app}/${team}`,
        action: 'set-members',
        before: { members: old },
        after: { members: wanted },
      });
    });
    return { app, team, members: wanted };
  }
}
