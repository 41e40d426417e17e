import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `pipeline.manage` (sales pipelines and their stages), granted to administrators only. Listed by
 * value, frozen like the earlier permission migrations.
 */
export const NEW_PERMISSIONS_1764000300000 = ['pipeline.manage'] as const;

export const SEEDED_GRANTS_1764000300000: Record<string, readonly string[]> = {
  administrator: NEW_PERMISSIONS_1764000300000,
};

export class PipelinePermission1764000300000 implements MigrationInterface {
  name = 'PipelinePermission1764000300000';

  async up(q: QueryRunner): Promise<void> {
    for (const p of NEW_PERMISSIONS_1764000300000) await q.query('INSERT IGNORE INTO permission (name) VALUES (?)', [p]);
    // Only roles that still exist get grants (INSERT … SELECT finds none for a missing role).
    for (const [role, perms] of Object.entries(SEEDED_GRANTS_1764000300000)) {
      for (const p of perms)
        await q.query('INSERT IGNORE INTO role_permission (role_name, permission_name) SELECT name, ? FROM role WHERE name = ?', [p, role]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM role_permission WHERE permission_name IN (?)', [NEW_PERMISSIONS_1764000300000]);
    await q.query('DELETE FROM permission WHERE name IN (?)', [NEW_PERMISSIONS_1764000300000]);
  }
}
