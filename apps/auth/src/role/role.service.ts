import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode, isPermission, PERMISSIONS } from '@crm/contracts';
import { ChangeRecorder, diffChanges } from '@crm/outbox';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { changeContext, type Actor } from '../operation/actor.js';
import { SessionRevoker } from '../session/session-revoker.js';
import type { CreateRoleDto, UpdateRoleDto } from './dto/role.dto.js';
import { EmployeeRoles } from './employee-roles.js';
import { assertRoleAdministratorRemains, assertRolesExist } from './role-checks.js';
import { RoleEntity } from './role.entity.js';

export interface RoleView {
  name: string;
  description: string | null;
  twoFactorRequired: boolean;
  permissions: string[];
  members: number;
}

export interface PermissionView {
  name: string;
  /** From the registry in @crm/contracts; null for a permission only the database knows. */
  description: string | null;
  roles: string[];
}

/**
 * Role administration (SPEC §3.3): roles, their permissions and who holds them, in tables.
 * Every change is recorded; whoever's permissions changed has their sessions ended, so every app
 * reads the new permissions at the next login instead of trusting an old token.
 */
@Injectable()
export class RoleService {
  private readonly log = new Logger('RoleService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(EmployeeRoles) private readonly roles: EmployeeRoles,
    @Inject(SessionRevoker) private readonly sessions: SessionRevoker,
  ) {}

  async listRoles(): Promise<RoleView[]> {
    const roles = await this.dataSource.getRepository(RoleEntity).find({ order: { name: 'ASC' } });
    const perms: Array<{ r: string; p: string }> = await this.dataSource.query(
      'SELECT role_name AS r, permission_name AS p FROM role_permission ORDER BY r, p',
    );
    const members: Array<{ r: string; n: string | number }> = await this.dataSource.query(
      "SELECT er.role_name AS r, COUNT(*) AS n FROM employee_role er JOIN employee e ON e.employee_id = er.employee_id WHERE e.status = 'active' GROUP BY er.role_name",
    );
    return roles.map((r) => ({
      name: r.name,
      description: r.description,
      twoFactorRequired: !!r.twoFactorRequired,
      permissions: perms.filter((p) => p.r === r.name).map((p) => p.p),
      members: Number(members.find((m) => m.r === r.name)?.n ?? 0),
    }));
  }

  async listPermissions(): Promise<PermissionView[]> {
    const rows: Array<{ p: string; r: string | null }> = await this.dataSource.query(
      'SELECT p.name AS p, rp.role_name AS r FROM permission p LEFT JOIN role_permission rp ON rp.permission_name = p.name ORDER BY p, r',
    );
    const out = new Map<string, string[]>();
    for (const row of rows) {
      const list = out.get(row.p) ?? [];
      if (row.r) list.push(row.r);
      out.set(row.p, list);
    }
    return [...out].map(([name, roles]) => ({ name, description: isPermission(name) ? PERMISSIONS[name] : null, roles }));
  }

  async create(actor: Actor, dto: CreateRoleDto): Promise<RoleView> {
    const permissions = [...new Set(dto.permissions)].sort();
    await this.dataSource.transaction(async (m) => {
      if (await m.getRepository(RoleEntity).existsBy({ name: dto.name }))
        throw new CrmError(ErrorCode.Conflict, `role ${dto.name} already exists`);
      await assertPermissionsExist(m, permissions);
      const role = { name: dto.name, description: dto.description ?? null, twoFactorRequired: dto.twoFactorRequired ?? false };
      await m.getRepository(RoleEntity).insert(role);
      for (const p of permissions) await m.query('INSERT INTO role_permission (role_name, permission_name) VALUES (?, ?)', [dto.name, p]);
      await this.changes.record(m, changeContext(actor), {
        entity: 'role',
        entityId: dto.name,
        action: 'create',
        before: null,
        after: { ...role, permissions },
      });
    });
    this.log.log({ msg: 'role created', role: dto.name, by: actor.id });
    return this.view(dto.name);
  }

  async update(actor: Actor, name: string, dto: UpdateRoleDto): Promise<RoleView> {
    await this.dataSource.transaction(async (m) => {
      const role = await this.lockRole(m, name);
      const before = { description: role.description, twoFactorRequired: !!role.twoFactorRequired };
      const after = {
        description: dto.description !== undefined ? dto.description : before.description,
        twoFactorRequired: dto.twoFactorRequired ?? before.twoFactorRequired,
      };
      if (diffChanges(before, after).length === 0) return;
      await m.getRepository(RoleEntity).update({ name }, after);
      await this.changes.record(m, changeContext(actor), { entity: 'role', entityId: name, action: 'update', before, after });
      // A new 2FA requirement must apply to sessions opened without a second factor.
      if (after.twoFactorRequired && !before.twoFactorRequired)
        await this.sessions.revokeAll(m, await this.roles.holdersOf(name, m), 'roles-changed');
    });
    return this.view(name);
  }

  async setPermissions(actor: Actor, name: string, permissions: string[]): Promise<RoleView> {
    const wanted = [...new Set(permissions)].sort();
    let holders: string[] = [];
    await this.dataSource.transaction(async (m) => {
      await this.lockRole(m, name);
      await assertPermissionsExist(m, wanted);
      const before: Array<{ p: string }> = await m.query(
        'SELECT permission_name AS p FROM role_permission WHERE role_name = ? ORDER BY p',
        [name],
      );
      const old = before.map((r) => r.p);
      if (JSON.stringify(old) === JSON.stringify(wanted)) return;
      await m.query('DELETE FROM role_permission WHERE role_name = ?', [name]);
      for (const p of wanted) await m.query('INSERT INTO role_permission (role_name, permission_name) VALUES (?, ?)', [name, p]);
      await assertRoleAdministratorRemains(m, this.roles);
      await this.changes.record(m, changeContext(actor), {
        entity: 'role',
        entityId: name,
        action: 'set-permissions',
        before: { permissions: old },
        after: { permissions: wanted },
      });
      holders = await this.roles.holdersOf(name, m);
      await this.sessions.revokeAll(m, holders, 'roles-changed');
    });
    this.log.log({ msg: 'role permissions changed', role: name, by: actor.id, holders: holders.length });
    return this.view(name);
  }

  /** Replaces an employee's roles; returns the new set. */
  async setEmployeeRoles(actor: Actor, employeeId: string, roles: string[]): Promise<string[]> {
    const wanted = [...new Set(roles)].sort();
    let changed = false;
    await this.dataSource.transaction(async (m) => {
      const e = await m.getRepository(EmployeeEntity).findOne({ where: { employeeId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw new CrmError(ErrorCode.NotFound, `employee ${employeeId} not found`);
      if (e.status === 'rejected') throw new CrmError(ErrorCode.Conflict, 'a rejected filing has no roles to change');
      await assertRolesExist(m, wanted);
      const before = await this.roles.replace(m, employeeId, wanted, actor.id);
      if (JSON.stringify(before) === JSON.stringify(wanted)) return;
      changed = true;
      await assertRoleAdministratorRemains(m, this.roles);
      await this.changes.record(m, changeContext(actor), {
        entity: 'employee',
        entityId: employeeId,
        action: 'set-roles',
        before: { roles: before },
        after: { roles: wanted },
      });
      await this.sessions.revokeAll(m, employeeId, 'roles-changed');
    });
    if (changed) this.log.log({ msg: 'employee roles changed', employeeId, by: actor.id });
    return wanted;
  }

  /** Removes some roles inside the caller's transaction (access review); returns those actually removed. */
  async removeRolesIn(m: EntityManager, by: string, employeeId: string, remove: readonly string[]): Promise<string[]> {
    const current = await this.roles.rolesOf(employeeId, m);
    const removed = current.filter((r) => remove.includes(r));
    await this.roles.replace(
      m,
      employeeId,
      current.filter((r) => !remove.includes(r)),
      by,
    );
    await assertRoleAdministratorRemains(m, this.roles);
    return removed;
  }

  private async lockRole(m: EntityManager, name: string): Promise<RoleEntity> {
    const role = await m.getRepository(RoleEntity).findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
    if (!role) throw new CrmError(ErrorCode.NotFound, `role ${name} not found`);
    return role;
  }

  private async view(name: string): Promise<RoleView> {
    const all = await this.listRoles();
    const found = all.find((r) => r.name === name);
    if (!found) throw new CrmError(ErrorCode.NotFound, `role ${name} not found`);
    return found;
  }
}

async function assertPermissionsExist(m: EntityManager, permissions: readonly string[]): Promise<void> {
  if (permissions.length === 0) return;
  const found: Array<{ name: string }> = await m.query('SELECT name FROM permission WHERE name IN (?)', [permissions]);
  const known = new Set(found.map((r) => r.name));
  const unknown = permissions.filter((p) => !known.has(p));
  if (unknown.length)
    throw new CrmError(ErrorCode.ValidationFailed, 'unknown permission', [
      { field: 'permissions', reasons: [`unknown permission(s): ${unknown.join(', ')}`] },
    ]);
}
