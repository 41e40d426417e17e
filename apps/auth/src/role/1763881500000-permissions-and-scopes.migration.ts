import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The permissions of SPEC §6.0 (business apps) and `customer.pii.read`, and what the seeded roles
 * get of them ("Seeded roles' permissions"). Listed by value, frozen: the registry in
 * `@crm/contracts` may grow, a fresh database still gets exactly this.
 */
export const NEW_PERMISSIONS_1763881500000 = [
  'customer.pii.read',
  'lead.read',
  'lead.write',
  'campaign.read',
  'campaign.write',
  'plan.read',
  'plan.write',
  'competitor.read',
  'competitor.write',
  'document.read',
  'document.write',
  'account.read',
  'account.write',
  'opportunity.read',
  'opportunity.write',
  'product.read',
  'product.write',
  'quote.read',
  'quote.write',
  'quote.approve',
  'contract.read',
  'contract.write',
  'team.read',
  'team.write',
  'territory.read',
  'territory.write',
  'partner.read',
  'partner.write',
  'analysis.read',
  'case.read',
  'case.write',
  'knowledge.read',
  'knowledge.write',
  'knowledge.publish',
  'asset.read',
  'sla.manage',
  'workflow.manage',
] as const;

export const SEEDED_GRANTS_1763881500000: Record<string, readonly string[]> = {
  administrator: NEW_PERMISSIONS_1763881500000,
  marketing: [
    'lead.read',
    'lead.write',
    'campaign.read',
    'campaign.write',
    'plan.read',
    'plan.write',
    'competitor.read',
    'competitor.write',
    'document.read',
    'document.write',
  ],
  sales: [
    'account.read',
    'account.write',
    'opportunity.read',
    'opportunity.write',
    'quote.read',
    'quote.write',
    'contract.read',
    'contract.write',
    'product.read',
  ],
  'service-agent': ['case.read', 'case.write', 'knowledge.read', 'knowledge.write', 'asset.read', 'account.read'],
  // The reads of the manager's apps (sales and service) plus the approvals and analysis.
  manager: [
    'account.read',
    'opportunity.read',
    'product.read',
    'quote.read',
    'contract.read',
    'team.read',
    'territory.read',
    'partner.read',
    'case.read',
    'knowledge.read',
    'asset.read',
    'quote.approve',
    'knowledge.publish',
    'analysis.read',
  ],
};

/**
 * Data scope per role and business app (SPEC §6.0 "Data scope"). One deliberate reading: service
 * agents are `own` for service records but read customers/accounts of the whole company (`all` in
 * sales) — they answer any customer, only read, and see personal fields masked without
 * `customer.pii.read`. A role without a row for an app (e.g. `auditor`, or one created later) is `own`.
 */
export const SEEDED_SCOPES_1763881500000: Record<string, Record<'marketing' | 'sales' | 'service', 'own' | 'team' | 'all'>> = {
  administrator: { marketing: 'all', sales: 'all', service: 'all' },
  manager: { marketing: 'team', sales: 'team', service: 'team' },
  sales: { marketing: 'own', sales: 'own', service: 'own' },
  'service-agent': { marketing: 'own', sales: 'all', service: 'own' },
  marketing: { marketing: 'all', sales: 'own', service: 'own' },
};

export class PermissionsAndScopes1763881500000 implements MigrationInterface {
  name = 'PermissionsAndScopes1763881500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE role_scope (
      role_name VARCHAR(64) NOT NULL,
      app VARCHAR(16) NOT NULL,
      scope VARCHAR(8) NOT NULL,
      PRIMARY KEY (role_name, app),
      CONSTRAINT fk_role_scope_role FOREIGN KEY (role_name) REFERENCES role (name) ON DELETE CASCADE,
      CONSTRAINT ck_role_scope_scope CHECK (scope IN ('own', 'team', 'all'))
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    for (const p of NEW_PERMISSIONS_1763881500000) await q.query('INSERT IGNORE INTO permission (name) VALUES (?)', [p]);
    // Only roles that still exist get grants (INSERT … SELECT finds none for a missing role).
    for (const [role, perms] of Object.entries(SEEDED_GRANTS_1763881500000)) {
      for (const p of perms)
        await q.query('INSERT IGNORE INTO role_permission (role_name, permission_name) SELECT name, ? FROM role WHERE name = ?', [p, role]);
    }
    for (const [role, scopes] of Object.entries(SEEDED_SCOPES_1763881500000)) {
      for (const [app, scope] of Object.entries(scopes)) {
        await q.query('INSERT IGNORE INTO role_scope (role_name, app, scope) SELECT name, ?, ? FROM role WHERE name = ?', [
          app,
          scope,
          role,
        ]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE role_scope');
    await q.query('DELETE FROM role_permission WHERE permission_name IN (?)', [NEW_PERMISSIONS_1763881500000]);
    await q.query('DELETE FROM permission WHERE name IN (?)', [NEW_PERMISSIONS_1763881500000]);
  }
}
