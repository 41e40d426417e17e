import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isDataScope, isScopedApp, SCOPED_APPS, widerScope, type DataScope, type ScopedApp, type ScopeGrant } from '@crm/contracts';

/**
 * The one place that reads an employee's roles and what they grant (login, 2FA enforcement,
 * employee views). Pass a transaction's manager to read inside it.
 */
@Injectable()
export class EmployeeRoles {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async permissionsOf(employeeId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ p: string }> = await manager.query(
      `SELECT DISTINCT rp.permission_name AS p FROM employee_role er
         JOIN role_permission rp ON rp.role_name = er.role_name
        WHERE er.employee_id = ? ORDER BY p`,
      [employeeId],
    );
    return rows.map((r) => r.p);
  }

  /**
   * The employee's data scope in each business app: the widest any of their roles grants (`own`
   * when none names the app), resolved to owners — `team` becomes the employee and everyone who
   * shares a team with them in that app (`team_member`; the sales issue replaces it with full teams).
   */
  async scopesOf(employeeId: string, manager: EntityManager = this.dataSource.manager): Promise<Record<ScopedApp, ScopeGrant>> {
    const rows: Array<{ app: string; scope: string }> = await manager.query(
      'SELECT rs.app, rs.scope FROM employee_role er JOIN role_scope rs ON rs.role_name = er.role_name WHERE er.employee_id = ?',
      [employeeId],
    );
    const widest = new Map<ScopedApp, DataScope>();
    for (const { app, scope } of rows) {
      if (!isScopedApp(app) || !isDataScope(scope)) continue;
      widest.set(app, widerScope(widest.get(app) ?? 'own', scope));
    }
    const teamApps = SCOPED_APPS.filter((app) => widest.get(app) === 'team');
    const mates = new Map<string, Set<string>>(teamApps.map((app) => [app, new Set([employeeId])]));
    if (teamApps.length) {
      const found: Array<{ app: string; e: string }> = await manager.query(
        `SELECT DISTINCT mate.app, mate.employee_id AS e FROM team_member mine
           JOIN team_member mate ON mate.app = mine.app AND mate.team = mine.team
          WHERE mine.employee_id = ? AND mine.app IN (?)`,
        [employeeId, teamApps],
      );
      for (const { app, e } of found) mates.get(app)?.add(e);
    }
    const out = {} as Record<ScopedApp, ScopeGrant>;
    for (const app of SCOPED_APPS) {
      const scope = widest.get(app) ?? 'own';
      out[app] = { scope, owners: scope === 'all' ? null : scope === 'team' ? [...(mates.get(app) ?? [])].sort() : [employeeId] };
    }
    return out;
  }

  async rolesOf(employeeId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ r: string }> = await manager.query('SELECT role_name AS r FROM employee_role WHERE employee_id = ? ORDER BY r', [
      employeeId,
    ]);
    return rows.map((x) => x.r);
  }

  /** Roles of several employees at once (list views), each sorted. */
  async rolesOfMany(employeeIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(employeeIds.map((id) => [id, []]));
    if (employeeIds.length === 0) return out;
    const rows: Array<{ e: string; r: string }> = await manager.query(
      'SELECT employee_id AS e, role_name AS r FROM employee_role WHERE employee_id IN (?) ORDER BY e, r',
      [employeeIds],
    );
    for (const row of rows) out.get(row.e)?.push(row.r);
    return out;
  }

  /** Permissions of several employees at once (review report), each sorted. */
  async permissionsOfMany(employeeIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(employeeIds.map((id) => [id, []]));
    if (employeeIds.length === 0) return out;
    const rows: Array<{ e: string; p: string }> = await this.dataSource.query(
      `SELECT DISTINCT er.employee_id AS e, rp.permission_name AS p FROM employee_role er
         JOIN role_permission rp ON rp.role_name = er.role_name
        WHERE er.employee_id IN (?) ORDER BY e, p`,
      [employeeIds],
    );
    for (const row of rows) out.get(row.e)?.push(row.p);
    return out;
  }

  /** True when any of the employee's roles requires a second factor (enforced at login). */
  async requiresTwoFactor(employeeId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM employee_role er JOIN role r ON r.name = er.role_name
        WHERE er.employee_id = ? AND r.two_factor_required = 1 LIMIT 1`,
      [employeeId],
    );
    return rows.length > 0;
  }

  /** Employees holding a role (whose sessions must end when the role's permissions change). */
  async holdersOf(roleName: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: Array<{ e: string }> = await manager.query('SELECT employee_id AS e FROM employee_role WHERE role_name = ? ORDER BY e', [
      roleName,
    ]);
    return rows.map((r) => r.e);
  }

  /**
   * Active employees who could still administer roles. A change that would leave none is refused
   * by the callers of this check, so nobody can lock the organisation out of its own CRM.
   */
  async activeRoleAdministrators(manager: EntityManager): Promise<number> {
    const rows: Array<{ n: string | number }> = await manager.query(
      `SELECT COUNT(DISTINCT e.employee_id) AS n FROM employee e
         JOIN employee_role er ON er.employee_id = e.employee_id
         JOIN role_permission rp ON rp.role_name = er.role_name
        WHERE e.status = 'active' AND rp.permission_name = 'role.manage'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Replaces the employee's roles inside the caller's transaction; returns the previous set. */
  async replace(manager: EntityManager, employeeId: string, roles: readonly string[], by: string): Promise<string[]> {
    const before = await this.rolesOf(employeeId, manager);
    const wanted = [...new Set(roles)].sort();
    const removed = before.filter((r) => !wanted.includes(r));
    const added = wanted.filter((r) => !before.includes(r));
    if (removed.length) await manager.query('DELETE FROM employee_role WHERE employee_id = ? AND role_name IN (?)', [employeeId, removed]);
    for (const role of added) {
      await manager.query('INSERT INTO employee_role (employee_id, role_name, assigned_at, assigned_by) VALUES (?, ?, ?, ?)', [
        employeeId,
        role,
        new Date(),
        by,
      ]);
    }
    return before;
  }
}
