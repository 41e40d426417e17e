import type { MigrationInterface, QueryRunner } from 'typeorm';

const NINE_TO_SIX = [{ from: '09:00', to: '18:00' }];
const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
// Values frozen here (not read from live constants): an applied migration never changes.
const SEEDED = {
  calendar24x7: '5a1a0000-0000-4000-8000-000000000001',
  calendarOffice: '5a1a0000-0000-4000-8000-000000000002',
  policy: '5a1a0000-0000-4000-8000-000000000010',
};
const DEFAULT_TARGETS = {
  urgent: { response: 'PT30M', resolution: 'PT4H' },
  high: { response: 'PT1H', resolution: 'PT9H' },
  normal: { response: 'PT4H', resolution: 'PT27H' },
  low: { response: 'PT9H', resolution: 'PT45H' },
};

/**
 * SLA: business calendars, SLA policies (with the tiers they serve) and one clock row per case.
 * Seeds the `24x7` and `business-hours` (Mon–Fri 09:00–18:00 Asia/Shanghai) calendars and a
 * default policy on business hours.
 */
export class Sla1765000500000 implements MigrationInterface {
  name = 'Sla1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE business_calendar (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      time_zone VARCHAR(64) NOT NULL,
      hours JSON NOT NULL,
      holidays JSON NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_business_calendar_name (name),
      KEY ix_business_calendar_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE sla_policy (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      default_flag TINYINT NULL COMMENT '1 on the default policy, NULL elsewhere (unique: one default)',
      calendar_id CHAR(36) NOT NULL,
      warning_percent INT NULL,
      targets JSON NOT NULL,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_sla_policy_name (name),
      UNIQUE KEY uq_sla_policy_default (default_flag),
      KEY ix_sla_policy_created (created_at, id),
      CONSTRAINT fk_sla_policy_calendar FOREIGN KEY (calendar_id) REFERENCES business_calendar (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE sla_policy_tier (
      tier VARCHAR(32) NOT NULL PRIMARY KEY,
      policy_id CHAR(36) NOT NULL,
      KEY ix_sla_policy_tier_policy (policy_id),
      CONSTRAINT fk_sla_policy_tier_policy FOREIGN KEY (policy_id) REFERENCES sla_policy (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // One clock per case. Targets and calendar are copied at start (a policy edit does not move open
    // cases until they are re-targeted); thresholds are recomputed from opened_at, the target and the
    // paused business time on every change. next_due_at = the earliest unsent marker the scheduler
    // must fire (NULL: nothing pending), indexed for the claim.
    await q.query(`CREATE TABLE case_sla (
      case_id CHAR(36) NOT NULL PRIMARY KEY,
      case_no VARCHAR(64) NULL,
      account_id CHAR(36) NULL,
      priority VARCHAR(16) NOT NULL,
      category VARCHAR(64) NOT NULL,
      case_status VARCHAR(24) NOT NULL,
      sla_policy_id CHAR(36) NOT NULL,
      entitlement_id CHAR(36) NULL,
      calendar_id CHAR(36) NOT NULL,
      warning_percent INT NOT NULL,
      opened_at DATETIME(3) NOT NULL,
      resolve_by DATETIME(3) NULL,
      paused_at DATETIME(3) NULL,
      response_target_ms BIGINT NOT NULL,
      response_paused_ms BIGINT NOT NULL DEFAULT 0,
      response_stopped_at DATETIME(3) NULL,
      response_warning_at DATETIME(3) NOT NULL,
      response_due_at DATETIME(3) NOT NULL,
      response_warning_sent_at DATETIME(3) NULL,
      response_breached_sent_at DATETIME(3) NULL,
      resolution_target_ms BIGINT NOT NULL,
      resolution_paused_ms BIGINT NOT NULL DEFAULT 0,
      resolution_stopped_at DATETIME(3) NULL,
      resolution_warning_at DATETIME(3) NOT NULL,
      resolution_due_at DATETIME(3) NOT NULL,
      resolution_warning_sent_at DATETIME(3) NULL,
      resolution_breached_sent_at DATETIME(3) NULL,
      sla_state VARCHAR(16) NOT NULL DEFAULT 'ok',
      next_due_at DATETIME(3) NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY ix_case_sla_next_due (next_due_at),
      KEY ix_case_sla_policy (sla_policy_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);

    const week = (day: (d: string) => unknown) => JSON.stringify(Object.fromEntries(WEEK.map((d) => [d, day(d)])));
    await q.query(
      `INSERT INTO business_calendar (id, name, time_zone, hours, holidays, created_by, updated_by) VALUES
       (?, '24x7', 'Asia/Shanghai', ?, '[]', 'system:seed', 'system:seed'),
       (?, 'business-hours', 'Asia/Shanghai', ?, '[]', 'system:seed', 'system:seed')`,
      [SEEDED.calendar24x7, week(() => ALL_DAY), SEEDED.calendarOffice, week((d) => (d === 'sat' || d === 'sun' ? [] : NINE_TO_SIX))],
    );
    await q.query(
      `INSERT INTO sla_policy (id, name, default_flag, calendar_id, warning_percent, targets, created_by, updated_by)
       VALUES (?, 'default', 1, ?, NULL, ?, 'system:seed', 'system:seed')`,
      [SEEDED.policy, SEEDED.calendarOffice, JSON.stringify(DEFAULT_TARGETS)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_sla');
    await q.query('DROP TABLE sla_policy_tier');
    await q.query('DROP TABLE sla_policy');
    await q.query('DROP TABLE business_calendar');
  }
}
