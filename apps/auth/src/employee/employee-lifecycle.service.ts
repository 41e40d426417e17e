import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CrmError, ErrorCode } from '@crm/contracts';
import { duplicateKeyName, isDuplicateKey } from '@crm/persistence';
import { ChangeRecorder, diffChanges } from '@crm/outbox';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { generateSecret, hashSecret } from '../caller/password-hasher.js';
import { changeContext, type Actor } from '../operation/actor.js';
import { EmployeeRoles } from '../role/employee-roles.js';
import { assertRoleAdministratorRemains, assertRolesExist } from '../role/role-checks.js';
import { SessionRevoker } from '../session/session-revoker.js';
import type { EditEmployeeDto } from './dto/edit-employee.dto.js';
import type { FileEmployeeDto } from './dto/file-employee.dto.js';
import { EmployeeEntity, type EmployeeStatus } from './employee.entity.js';
import { profileOf, toEmployeeView, type EmployeeView } from './employee.view.js';

export interface ApprovedEmployee {
  employee: EmployeeView;
  /** Shown once, in this answer only; the employee must change it at first login. */
  initialPassword: string;
}

/**
 * Onboarding and offboarding (SPEC §3.3): file → approve/reject by a different administrator,
 * profile edits, disable (sessions end everywhere) and re-enable. IDs are never deleted or reissued.
 * Every change writes its operation-log entry in the same transaction.
 */
@Injectable()
export class EmployeeLifecycleService {
  private readonly log = new Logger('EmployeeLifecycle');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(EmployeeRoles) private readonly roles: EmployeeRoles,
    @Inject(SessionRevoker) private readonly sessions: SessionRevoker,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async file(actor: Actor, dto: FileEmployeeDto): Promise<EmployeeView> {
    const fields = {
      name: dto.name.trim(),
      department: dto.department?.trim() || null,
      position: dto.position?.trim() || null,
      phone: dto.phone?.trim() || null,
      email: dto.email?.trim().toLowerCase() || null,
    };
    if (!fields.name)
      throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [{ field: 'name', reasons: ['name must not be blank'] }]);
    if (!fields.phone && !fields.email) {
      throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
        { field: 'phone', reasons: ['phone or email is required (password reset goes there)'] },
      ]);
    }
    const roles = [...new Set(dto.roles)].sort();
    await assertRolesExist(this.dataSource.manager, roles);
    // The number is taken (and committed) first: whatever happens to this filing, it is never handed out again.
    const issued: { insertId: number } = await this.dataSource.query('INSERT INTO employee_id_ledger () VALUES ()');
    const employeeId = `E${String(issued.insertId)}`;
    await this.write(async (m) => {
      await m.getRepository(EmployeeEntity).insert({ employeeId, ...fields, status: 'pending', passwordHash: null, filedBy: actor.id });
      await this.roles.replace(m, employeeId, roles, actor.id);
      await this.changes.record(m, changeContext(actor), {
        entity: 'employee',
        entityId: employeeId,
        action: 'file',
        before: null,
        after: { ...fields, status: 'pending', roles },
      });
    });
    this.log.log({ msg: 'employee filed', employeeId, by: actor.id });
    return this.view(employeeId);
  }

  async approve(actor: Actor, employeeId: string, note: string | null): Promise<ApprovedEmployee> {
    const initialPassword = generateSecret();
    const passwordHash = await hashSecret(initialPassword);
    await this.write(async (m) => {
      const e = await this.lockPending(m, actor, employeeId);
      const now = new Date();
      const after = {
        status: 'active' as EmployeeStatus,
        decidedBy: actor.id,
        decidedAt: now,
        decisionNote: note,
        passwordHash,
        passwordChangeRequired: true,
        initialPasswordExpiresAt: new Date(now.getTime() + this.config.identity.initialPasswordTtlMs),
        passwordChangedAt: null,
      };
      await m.getRepository(EmployeeEntity).update({ employeeId }, after);
      await this.changes.record(m, changeContext(actor), {
        entity: 'employee',
        entityId: employeeId,
        action: 'approve',
        before: {
          status: e.status,
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          passwordHash: null,
          passwordChangeRequired: !!e.passwordChangeRequired,
          initialPasswordExpiresAt: null,
        },
        after: { ...after, passwordChangedAt: undefined },
      });
    });
    this.log.log({ msg: 'employee approved', employeeId, by: actor.id });
    return { employee: await this.view(employeeId), initialPassword };
  }

  async reject(actor: Actor, employeeId: string, note: string): Promise<EmployeeView> {
    await this.write(async (m) => {
      const e = await this.lockPending(m, actor, employeeId);
      const after = { status: 'rejected' as EmployeeStatus, decidedBy: actor.id, decidedAt: new Date(), decisionNote: note };
      await m.getRepository(EmployeeEntity).update({ employeeId }, after);
      await this.changes.record(m, changeContext(actor), {
        entity: 'employee',
        entityId: employeeId,
        action: 'reject',
        before: { status: e.status, decidedBy: null, decidedAt: null, decisionNote: null },
        after,
      });
    });
    this.log.log({ msg: 'employee rejected', employeeId, by: actor.id });
    return this.view(employeeId);
  }

  async edit(actor: Actor, employeeId: string, dto: EditEmployeeDto): Promise<EmployeeView> {
    await this.write(async (m) => {
      const e = await this.lock(m, employeeId);
      if (e.status === 'rejected') throw new CrmError(ErrorCode.Conflict, 'a rejected filing cannot be edited; file the employee again');
      const before = profileOf(e);
      const after = { ...before };
      if (dto.name !== undefined) after.name = dto.name.trim();
      if (dto.department !== undefined) after.department = dto.department?.trim() || null;
      if (dto.position !== undefined) after.position = dto.position?.trim() || null;
      if (dto.phone !== undefined) after.phone = dto.phone?.trim() || null;
      if (dto.email !== undefined) after.email = dto.email?.trim().toLowerCase() || null;
      if (!after.name)
        throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
          { field: 'name', reasons: ['name must not be blank'] },
        ]);
      if (!after.phone && !after.email) {
        throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
          { field: 'phone', reasons: ['phone or email is required'] },
        ]);
      }
      if (diffChanges(before, after).length === 0) return;
      await m.getRepository(EmployeeEntity).update({ employeeId }, after as Partial<EmployeeEntity>);
      await this.changes.record(m, changeContext(actor), { entity: 'employee', entityId: employeeId, action: 'edit', before, after });
    });
    return this.view(employeeId);
  }

  /** Offboarding: the ID stops working at once on every app (session version bump + announcement). */
  async disable(actor: Actor, employeeId: string, note: string | null): Promise<EmployeeView> {
    await this.write(async (m) => {
      await this.disableIn(m, actor, employeeId, note);
      await this.sessions.revokeAll(m, employeeId, 'disabled');
    });
    this.log.warn({ msg: 'employee disabled', employeeId, by: actor.id });
    return this.view(employeeId);
  }

  /**
   * The disable itself, inside the caller's transaction (an access review's revoke uses it too).
   * The caller ends the sessions with `SessionRevoker.revokeAll` in the same transaction.
   */
  async disableIn(m: EntityManager, actor: Actor, employeeId: string, note: string | null, action = 'disable'): Promise<void> {
    if (actor.type === 'employee' && actor.id === employeeId) throw new CrmError(ErrorCode.Forbidden, 'you cannot disable your own ID');
    const e = await this.lock(m, employeeId);
    if (e.status !== 'active') throw new CrmError(ErrorCode.Conflict, `only an active employee can be disabled (status is ${e.status})`);
    const after = { status: 'disabled' as EmployeeStatus, disabledAt: new Date() };
    await m.getRepository(EmployeeEntity).update({ employeeId }, after);
    await assertRoleAdministratorRemains(m, this.roles);
    await this.changes.record(m, changeContext(actor), {
      entity: 'employee',
      entityId: employeeId,
      action,
      before: { status: e.status, disabledAt: e.disabledAt, note: null },
      after: { ...after, note: note || null },
    });
  }

  /** Re-activation after a disable; the employee logs in again with their existing password. */
  async enable(actor: Actor, employeeId: string, note: string | null): Promise<EmployeeView> {
    await this.write(async (m) => {
      const e = await this.lock(m, employeeId);
      if (e.status !== 'disabled')
        throw new CrmError(ErrorCode.Conflict, `only a disabled employee can be enabled (status is ${e.status})`);
      const after = { status: 'active' as EmployeeStatus, disabledAt: null, failedLogins: 0, lockedUntil: null };
      await m.getRepository(EmployeeEntity).update({ employeeId }, after);
      await this.changes.record(m, changeContext(actor), {
        entity: 'employee',
        entityId: employeeId,
        action: 'enable',
        before: { status: e.status, disabledAt: e.disabledAt, note: null },
        after: { status: after.status, disabledAt: null, note: note || null },
      });
    });
    this.log.log({ msg: 'employee enabled', employeeId, by: actor.id });
    return this.view(employeeId);
  }

  /** Employee IDs are never deleted (they must never be reissued, and the audit trail names them). */
  refuseDelete(employeeId: string): never {
    throw new CrmError(
      ErrorCode.Conflict,
      `employees are never deleted; disable ${employeeId} instead (POST /auth/employees/${employeeId}/disable)`,
    );
  }

  private async lockPending(m: EntityManager, actor: Actor, employeeId: string): Promise<EmployeeEntity> {
    const e = await this.lock(m, employeeId);
    if (e.status !== 'pending') throw new CrmError(ErrorCode.Conflict, `employee ${employeeId} is ${e.status}, not pending`);
    if (e.filedBy === actor.id)
      throw new CrmError(ErrorCode.Forbidden, 'the filing must be decided by an administrator other than the one who filed it');
    return e;
  }

  private async lock(m: EntityManager, employeeId: string): Promise<EmployeeEntity> {
    const e = await m.getRepository(EmployeeEntity).findOne({ where: { employeeId }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw new CrmError(ErrorCode.NotFound, `employee ${employeeId} not found`);
    return e;
  }

  /** A transaction whose unique-key violations (e-mail, phone) answer 4090 instead of 5000. */
  private async write(work: (m: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.dataSource.transaction(work);
    } catch (error) {
      if (isDuplicateKey(error)) {
        const field = /^uq_employee_(email|phone)$/.exec(duplicateKeyName(error) ?? '')?.[1] ?? 'contact';
        throw new CrmError(ErrorCode.Conflict, `this ${field} already belongs to another employee`, [
          { field, reasons: ['already in use'] },
        ]);
      }
      throw error;
    }
  }

  async view(employeeId: string): Promise<EmployeeView> {
    const e = await this.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ employeeId });
    return toEmployeeView(e, await this.roles.rolesOf(employeeId));
  }
}
