import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roles and permissions this migration seeded, frozen here: a migration must give every fresh
 * database the same result, so it never reads a constant that later code may edit. Later grants
 * arrive by later migrations (1763881500000-permissions-and-scopes).
 */
export const SEEDED_ROLE_PERMISSIONS_1763881001000: Record<string, readonly string[]> = {
  administrator: [
    'audit.read',
    'audit.export',
    'audit.alert.ack',
    'audit.purge',
    'caller.manage',
    'employee.read',
    'employee.manage',
    'employee.approve',
    'role.manage',
    'access.review',
    'customer.read',
    'customer.write',
    'workorder.read',
    'workorder.update',
  ],
  auditor: ['audit.read', 'audit.export', 'audit.alert.ack', 'employee.read', 'access.review'],
  sales: ['customer.read', 'customer.write'],
  'service-agent': ['customer.read', 'workorder.read', 'workorder.update'],
  marketing: ['customer.read'],
  manager: ['customer.read', 'workorder.read', 'employee.read', 'employee.manage', 'access.review'],
};

/**
 * Roles that must present a second factor at login from the start. None: the first administrators
 * are created before anyone could have enrolled, so an installation turns it on per role once its
 * administrators have enrolled (`PATCH /auth/roles/administrator {"twoFactorRequired": true}`, or the
 * TWO_FACTOR_REQUIRED_ROLES floor) — the README's walk-through does exactly that.
 */
const TWO_FACTOR_ROLES = new Set<string>();

/**
 * Roles and permissions move from code into tables (administrators change them at run time).
 * Seeds the defaults above, moves every employee's `roles` JSON into
 * `employee_role` and drops the column, so roles have one home.
 */
export class Roles1763881001000 implements MigrationInterface {
  name = 'Roles1763881001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE permission (
      name VARCHAR(64) NOT NULL PRIMARY KEY,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE role (
      name VARCHAR(64) NOT NULL PRIMARY KEY,
      description VARCHAR(255) NULL,
      two_factor_required TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE role_permission (
      role_name VARCHAR(64) NOT NULL,
      permission_name VARCHAR(64) NOT NULL,
      PRIMARY KEY (role_name, permission_name),
      KEY ix_role_permission_permission (permission_name),
      CONSTRAINT fk_role_permission_role FOREIGN KEY (role_name) REFERENCES role (name) ON DELETE CASCADE,
      CONSTRAINT fk_role_permission_permission FOREIGN KEY (permission_name) REFERENCES permission (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE employee_role (
      employee_id VARCHAR(16) NOT NULL,
      role_name VARCHAR(64) NOT NULL,
      assigned_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      assigned_by VARCHAR(64) NULL,
      PRIMARY KEY (employee_id, role_name),
      KEY ix_employee_role_role (role_name),
      CONSTRAINT fk_employee_role_employee FOREIGN KEY (employee_id) REFERENCES employee (employee_id),
      CONSTRAINT fk_employee_role_role FOREIGN KEY (role_name) REFERENCES role (name)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);

    const permissions = [...new Set(Object.values(SEEDED_ROLE_PERMISSIONS_1763881001000).flat())].sort();
    for (const p of permissions) await q.query('INSERT INTO permission (name) VALUES (?)', [p]);
    for (const [role, perms] of Object.entries(SEEDED_ROLE_PERMISSIONS_1763881001000)) {
      await q.query('INSERT INTO role (name, two_factor_required) VALUES (?, ?)', [role, TWO_FACTOR_ROLES.has(role) ? 1 : 0]);
      for (const p of perms) await q.query('INSERT INTO role_permission (role_name, permission_name) VALUES (?, ?)', [role, p]);
    }

    const rows: Array<{ employee_id: string; roles: string | string[] | null }> = await q.query('SELECT employee_id, roles FROM employee');
    for (const row of rows) {
      const roles: unknown = typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles;
      for (const role of Array.isArray(roles) ? roles : []) {
        if (typeof role !== 'string') continue;
        // A role that only existed in an employee's JSON becomes a role without permissions, not a loss.
        await q.query('INSERT IGNORE INTO role (name) VALUES (?)', [role]);
        await q.query('INSERT IGNORE INTO employee_role (employee_id, role_name, assigned_by) VALUES (?, ?, ?)', [
          row.employee_id,
          role,
          'migration',
        ]);
      }
    }
    await q.query('ALTER TABLE employee DROP COLUMN roles');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE employee ADD COLUMN roles JSON NOT NULL DEFAULT ('[]')");
    await q.query(
      `UPDATE employee e SET roles = COALESCE((SELECT JSON_ARRAYAGG(r.role_name) FROM employee_role r WHERE r.employee_id = e.employee_id), '[]')`,
    );
    await q.query('DROP TABLE employee_role');
    await q.query('DROP TABLE role_permission');
    await q.query('DROP TABLE role');
    await q.query('DROP TABLE permission');
  }
}
