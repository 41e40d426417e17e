import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seeded supervisor queue and escalation rule (issue 11: a breached urgent complaint goes to supervisors). */
export const SEEDED_SUPERVISOR_QUEUE_ID = '5e1f0c2a-6a0e-4c55-9d38-3f1b2c7a9001';
export const SEEDED_ESCALATION_RULE_ID = '5e1f0c2a-6a0e-4c55-9d38-3f1b2c7a9101';

/**
 * Workflow rules: the current version of each rule (`workflow_rule`, what is evaluated) and every
 * version ever saved (`workflow_rule_version`, what case histories name). Seeds the supervisor
 * queue and the rule escalating a breached urgent complaint to it.
 */
export class ServiceWorkflow1765000420000 implements MigrationInterface {
  name = 'ServiceWorkflow1765000420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workflow_rule (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      description VARCHAR(1000) NULL,
      \`trigger\` VARCHAR(32) NOT NULL,
      conditions JSON NOT NULL,
      actions JSON NOT NULL,
      rule_order INT NOT NULL DEFAULT 100,
      active TINYINT(1) NOT NULL DEFAULT 1,
      deleted TINYINT(1) NOT NULL DEFAULT 0,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_workflow_rule_trigger (\`trigger\`, active, deleted, rule_order),
      KEY ix_workflow_rule_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE workflow_rule_version (
      rule_id CHAR(36) NOT NULL,
      version INT NOT NULL,
      snapshot JSON NOT NULL,
      saved_by VARCHAR(64) NOT NULL,
      saved_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (rule_id, version)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(
      `INSERT INTO service_queue (id, name, description, strategy, categories, channels, routing_order, category_skills, active, created_by)
       VALUES (?, 'Complaint supervisors', 'Escalated complaints (seeded); add supervisors with service.queue.members.v1. Inactive: takes no routed cases, only escalations.', 'least-busy', '[]', '[]', 10000, '{}', 0, 'migration')`,
      [SEEDED_SUPERVISOR_QUEUE_ID],
    );
    const rule = {
      name: 'Escalate breached urgent complaints',
      description: 'Seeded: an urgent complaint whose SLA is breached goes to the supervisor queue, one level up.',
      trigger: 'sla-breach',
      conditions: [
        { field: 'priority', op: 'eq', value: 'urgent' },
        { field: 'category', op: 'in', value: ['complaint', 'regulatory-complaint'] },
      ],
      actions: [{ type: 'escalate', queueId: SEEDED_SUPERVISOR_QUEUE_ID, reason: 'SLA breached on an urgent complaint' }],
      order: 10,
      active: true,
    };
    await q.query(
      `INSERT INTO workflow_rule (id, name, description, \`trigger\`, conditions, actions, rule_order, active, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'migration', 'migration')`,
      [
        SEEDED_ESCALATION_RULE_ID,
        rule.name,
        rule.description,
        rule.trigger,
        JSON.stringify(rule.conditions),
        JSON.stringify(rule.actions),
        rule.order,
      ],
    );
    await q.query(`INSERT INTO workflow_rule_version (rule_id, version, snapshot, saved_by) VALUES (?, 1, ?, 'migration')`, [
      SEEDED_ESCALATION_RULE_ID,
      JSON.stringify(rule),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE workflow_rule_version');
    await q.query('DROP TABLE workflow_rule');
    await q.query('DELETE FROM service_queue WHERE id = ?', [SEEDED_SUPERVISOR_QUEUE_ID]);
  }
}
