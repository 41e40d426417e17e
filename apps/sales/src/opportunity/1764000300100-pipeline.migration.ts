import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seeded pipelines' ids, fixed so that installations, tests and docs can name them. */
export const DEFAULT_PIPELINE_ID = '7d6c1f5e-3a2b-4c1d-9e8f-000000000001';
export const ONLINE_AD_PIPELINE_ID = '7d6c1f5e-3a2b-4c1d-9e8f-000000000002';

/** Frozen here (a migration never reads constants later code may edit). */
const SEEDED = [
  {
    id: DEFAULT_PIPELINE_ID,
    name: 'Standard',
    description: 'Field, phone and partner sales of enterprise services',
    isDefault: 1,
    channels: [],
    stages: [
      { key: 'prospecting', label: 'Prospecting', probability: 10, kind: 'open' },
      { key: 'qualification', label: 'Qualification', probability: 20, kind: 'open' },
      { key: 'proposal', label: 'Proposal', probability: 50, kind: 'open' },
      { key: 'negotiation', label: 'Negotiation', probability: 75, kind: 'open' },
      { key: 'closed-won', label: 'Closed won', probability: 100, kind: 'won' },
      { key: 'closed-lost', label: 'Closed lost', probability: 0, kind: 'lost' },
    ],
  },
  {
    id: ONLINE_AD_PIPELINE_ID,
    name: 'Online advertising',
    description: 'Online ad sales: from the brief to the booked insertion order',
    isDefault: 0,
    channels: ['online'],
    stages: [
      { key: 'brief', label: 'Brief received', probability: 10, kind: 'open' },
      { key: 'media-plan', label: 'Media plan proposed', probability: 30, kind: 'open' },
      { key: 'insertion-order', label: 'Insertion order sent', probability: 70, kind: 'open' },
      { key: 'booked', label: 'Booked', probability: 100, kind: 'won' },
      { key: 'lost', label: 'Lost', probability: 0, kind: 'lost' },
    ],
  },
];

/** Pipelines with their ordered stages; the standard one is the default, online ad sales has its own. */
export class Pipeline1764000300100 implements MigrationInterface {
  name = 'Pipeline1764000300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pipeline (
      id CHAR(36) NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      description VARCHAR(500) NULL,
      stages JSON NOT NULL,
      channels JSON NOT NULL,
      is_default TINYINT(1) NOT NULL DEFAULT 0,
      active TINYINT(1) NOT NULL DEFAULT 1,
      version INT NOT NULL DEFAULT 1,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_pipeline_name (name),
      KEY ix_pipeline_created (created_at, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    for (const p of SEEDED) {
      await q.query(
        `INSERT INTO pipeline (id, name, description, stages, channels, is_default, created_by, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, 'system', 'system')`,
        [p.id, p.name, p.description, JSON.stringify(p.stages), JSON.stringify(p.channels), p.isDefault],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pipeline');
  }
}
