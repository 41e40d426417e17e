import { Inbox1763882000000 } from '@crm/inbox';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { AccountDirectory1763882100000 } from '../account-directory/1763882100000-account-directory.migration.js';
import { AccountDirectoryAccountId1764000120000 } from '../account-directory/1764000120000-account-directory-account-id.migration.js';
import { AccountDirectoryEntity } from '../account-directory/account-directory.entity.js';
import { WorkorderHistoryEntity } from '../workorder/workorder-history.entity.js';
import { WorkorderEntity } from '../workorder/workorder.entity.js';
import { CASE_SCHEMA } from '../case/case.schema.js';
import { QUEUE_SCHEMA } from '../queue/queue.schema.js';
import { SLA_SCHEMA } from '../sla/sla.schema.js';
import { WORKFLOW_SCHEMA } from '../workflow/workflow.schema.js';
import { WORKORDER_CASE_SCHEMA } from '../workorder-case/workorder-case.schema.js';
import { KNOWLEDGE_SCHEMA } from '../knowledge/knowledge.schema.js';
import { ASSET_SCHEMA } from '../asset/asset.schema.js';
import { RECOMMENDATION_SCHEMA } from '../recommendation/recommendation.schema.js';
import { ServiceSchema1763880300000 } from './1763880300000-service-schema.migration.js';
import { OutboxStream1763880400000 } from './1763880400000-outbox-stream.migration.js';
import { OutboxMerge1764400100000 } from './1764400100000-outbox-merge.migration.js';

/** A class TypeORM loads: an entity or a migration. */
type SchemaClass = abstract new (...args: never[]) => unknown;

/** What a service feature adds to the app's database: its entities and the migrations that create them. */
export interface FeatureSchema {
  entities: SchemaClass[];
  migrations: SchemaClass[];
}

/** The business features' tables; TypeORM runs all migrations in the order of their timestamps. */
const FEATURES: FeatureSchema[] = [
  CASE_SCHEMA,
  QUEUE_SCHEMA,
  SLA_SCHEMA,
  WORKFLOW_SCHEMA,
  WORKORDER_CASE_SCHEMA,
  KNOWLEDGE_SCHEMA,
  ASSET_SCHEMA,
  RECOMMENDATION_SCHEMA,
];

export const SERVICE_ENTITIES = [
  WorkorderEntity,
  WorkorderHistoryEntity,
  AccountDirectoryEntity,
  ...OUTBOX_ENTITIES,
  ...FEATURES.flatMap((f) => f.entities),
];
export const SERVICE_MIGRATIONS = [
  ServiceSchema1763880300000,
  OutboxStream1763880400000,
  Inbox1763882000000,
  AccountDirectory1763882100000,
  ...OUTBOX_MIGRATIONS,
  OutboxMerge1764400100000,
  AccountDirectoryAccountId1764000120000,
  ...FEATURES.flatMap((f) => f.migrations),
];
