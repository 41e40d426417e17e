import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUTH_CONFIG, type AuthConfig } from '../auth.config.js';
import { ACCESS_REVIEW_OVERDUE_V1, CrmError, ErrorCode, type AccessReviewOverdueData } from '@crm/contracts';
import { ChangeRecorder, OutboxWriter } from '@crm/outbox';
import { EmployeeLifecycleService } from '../employee/employee-lifecycle.service.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { changeContext, type Actor } from '../operation/actor.js';
import { EmployeeRoles } from '../role/employee-roles.js';
import { RoleService } from '../role/role.service.js';
import { SessionRevoker } from '../session/session-revoker.js';
import { AccessReviewEntity } from './access-review.entity.js';
import type { ReviewDecisionDto } from './dto/review-decision.dto.js';
import { isOverdue, reviewDueAt } from './review-schedule.js';

export interface ReviewItem {
  employeeId: string;
  name: string;
  department: string | null;
  roles: string[];
  permissions: string[];
  lastLoginAt: string | null;
  lastReviewedAt: string | null;
  lastReviewedBy: string | null;
  dueAt: string;
  overdue: boolean;
}

export interface ReviewRecord {
  id: string;
  employeeId: string;
  reviewerId: string;
  decision: 'confirm' | 'revoke';
  note: string;
  removedRoles: string[] | null;
  disabled: boolean;
  at: string;
}

const OVERDUE_BATCH = 100;

/**
 * Periodic access review (SPEC §3.3). A reviewer (`access.review`, never for their own ID) confirms
 * an active ID's access or revokes it: `revoke` with `roles` removes just those roles, `revoke`
 * without roles disables the ID as offboarding does. Every decision is kept in `access_review`
 * and the operation log, and restarts the employee's review clock.
 */
@Injectable()
export class AccessReviewService {
  private readonly log = new Logger('AccessReview');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeRecorder) private readonly changes: ChangeRecorder,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(EmployeeRoles) private readonly roles: EmployeeRoles,
    @Inject(RoleService) private readonly roleService: RoleService,
    @Inject(EmployeeLifecycleService) private readonly lifecycle: EmployeeLifecycleService,
    @Inject(SessionRevoker) private readonly sessions: SessionRevoker,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Every active ID with its roles, last login, last review and whether its review is overdue. */
  async report(now = new Date()): Promise<ReviewItem[]> {
    const employees = await this.dataSource.getRepository(EmployeeEntity).find({ where: { status: 'active' } });
    employees.sort((a, b) => Number(a.employeeId.slice(1)) - Number(b.employeeId.slice(1)));
    const ids = employees.map((e) => e.employeeId);
    const roles = await this.roles.rolesOfMany(ids);
    const perms = await this.roles.permissionsOfMany(ids);
    const lastBy: Array<{ e: string; r: string }> = ids.length
      ? await this.dataSource.query(
          `SELECT a.employee_id AS e, a.reviewer_id AS r FROM access_review a
            JOIN (SELECT employee_id, MAX(id) AS id FROM access_review WHERE employee_id IN (?) GROUP BY employee_id) l ON l.id = a.id`,
          [ids],
        )
      : [];
    return employees.map((e) => {
      const due = reviewDueAt(e, this.config.identity.accessReviewIntervalDays);
      return {
        employeeId: e.employeeId,
        name: e.name,
        department: e.department,
        roles: roles.get(e.employeeId) ?? [],
        permissions: perms.get(e.employeeId) ?? [],
        lastLoginAt: e.lastLoginAt?.toISOString() ?? null,
        lastReviewedAt: e.lastReviewedAt?.toISOString() ?? null,
        lastReviewedBy: lastBy.find((x) => x.e === e.employeeId)?.r ?? null,
        dueAt: due.toISOString(),
        overdue: isOverdue(due, now),
      };
    });
  }

  async history(employeeId: string): Promise<ReviewRecord[]> {
    const rows = await this.dataSource.getRepository(AccessReviewEntity).find({ where: { employeeId }, order: { id: 'DESC' }, take: 200 });
    return rows.map((r) => ({
      id: String(r.id),
      employeeId: r.employeeId,
      reviewerId: r.reviewerId,
      decision: r.decision,
      note: r.note,
      removedRoles: r.removedRoles,
      disabled: !!r.disabled,
      at: r.createdAt.toISOString(),
    }));
  }

  async decide(actor: Actor, employeeId: string, dto: ReviewDecisionDto): Promise<ReviewRecord> {
    if (actor.id === employeeId) throw new CrmError(ErrorCode.Forbidden, 'nobody reviews their own access');
    if (dto.decision === 'confirm' && dto.roles) {
      throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
        { field: 'roles', reasons: ['roles only go with decision revoke'] },
      ]);
    }
    let id = '';
    await this.dataSource.transaction(async (m) => {
      const e = await m.getRepository(EmployeeEntity).findOne({ where: { employeeId }, lock: { mode: 'pessimistic_write' } });
      if (!e) throw new CrmError(ErrorCode.NotFound, `employee ${employeeId} not found`);
      if (e.status !== 'active') throw new CrmError(ErrorCode.Conflict, `only active IDs are reviewed (status is ${e.status})`);
      const now = new Date();
      let removedRoles: string[] | null = null;
      let disabled = false;
      const rolesBefore = await this.roles.rolesOf(employeeId, m);
      if (dto.decision === 'revoke' && dto.roles) {
        removedRoles = await this.roleService.removeRolesIn(m, actor.id, employeeId, dto.roles);
        if (removedRoles.length === 0) {
          throw new CrmError(ErrorCode.ValidationFailed, 'payload failed validation', [
            { field: 'roles', reasons: [`${employeeId} holds none of these roles`] },
          ]);
        }
      } else if (dto.decision === 'revoke') {
        await this.lifecycle.disableIn(m, actor, employeeId, dto.note);
        disabled = true;
      }
      await m.getRepository(EmployeeEntity).update({ employeeId }, { lastReviewedAt: now });
      const saved = await m
        .getRepository(AccessReviewEntity)
        .save({ employeeId, reviewerId: actor.id, decision: dto.decision, note: dto.note, removedRoles, disabled, createdAt: now });
      id = String(saved.id);
      const rolesAfter = removedRoles ? rolesBefore.filter((r) => !removedRoles!.includes(r)) : rolesBefore;
      await this.changes.record(m, changeContext(actor), {
        entity: 'access-review',
        entityId: employeeId,
        action: dto.decision,
        before: { lastReviewedAt: e.lastReviewedAt, roles: rolesBefore, note: null, status: disabled ? 'active' : undefined },
        after: { lastReviewedAt: now, roles: rolesAfter, note: dto.note, status: disabled ? 'disabled' : undefined },
      });
      if (dto.decision === 'revoke') await this.sessions.revokeAll(m, employeeId, 'review-revoked');
    });
    this.log.log({ msg: 'access review decided', employeeId, decision: dto.decision, by: actor.id });
    return (await this.history(employeeId)).find((r) => r.id === id)!;
  }

  /**
   * Announces IDs whose review fell due, once per employee and due date: the claim (row lock with
   * SKIP LOCKED, then `review_overdue_announced_for`) and the outbox event commit together, so
   * replicas never announce the same period twice and a broker outage loses nothing.
   */
  async announceOverdue(now = new Date()): Promise<number> {
    const days = this.config.identity.accessReviewIntervalDays;
    return this.dataSource.transaction(async (m) => {
      const base = 'COALESCE(last_reviewed_at, decided_at, created_at)';
      const due: EmployeeEntity[] = await m
        .getRepository(EmployeeEntity)
        .createQueryBuilder('e')
        .where("e.status = 'active'")
        .andWhere(`DATE_ADD(${base}, INTERVAL :days DAY) <= :now`, { days, now })
        .andWhere(`(e.review_overdue_announced_for IS NULL OR e.review_overdue_announced_for <> DATE_ADD(${base}, INTERVAL :days DAY))`, {
          days,
        })
        .orderBy('e.employee_id')
        .limit(OVERDUE_BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const e of due) {
        const dueAt = reviewDueAt(e, days);
        await m.getRepository(EmployeeEntity).update({ employeeId: e.employeeId }, { reviewOverdueAnnouncedFor: dueAt });
        const data: AccessReviewOverdueData = {
          employeeId: e.employeeId,
          dueAt: dueAt.toISOString(),
          lastReviewedAt: e.lastReviewedAt?.toISOString() ?? null,
          roles: await this.roles.rolesOf(e.employeeId, m),
        };
        // The envelope's employeeId field would overwrite the payload's: it names the subject here, as in sessions-revoked.
        await this.outbox.add(m, ACCESS_REVIEW_OVERDUE_V1, { ...data }, { employeeId: e.employeeId });
        this.log.warn({ msg: 'access review overdue', employeeId: e.employeeId, dueAt: data.dueAt });
      }
      return due.length;
    });
  }
}
