import { Inbox1763882000000 } from '@crm/inbox';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from '@crm/outbox';
import { AccountDirectory1763882100000 } from '../account-directory/1763882100000-account-directory.migration.js';
import { AccountDirectoryAccountId1764000120000 } from '../account-directory/1764000120000-account-directory-account-id.migration.js';
import { AccountDirectoryEntity } from '../account-directory/account-directory.entity.js';
import { WorkorderHistoryEntity } from '../workorder/workorder-history.entity.js';
import { WorkorderEntity } from '../workorder/workorder.entity.js';
import { ServiceSchema1763880300000 } from './1763880300000-service-schema.migration.js';
import { OutboxStream1763880400000 } from './1763880400000-outbox-stream.migration.js';
import { OutboxMerge1764400100000 } from './1764400100000-outbox-merge.migration.js';

export const SERVICE_ENTITIES = [WorkorderEntity, WorkorderHistoryEntity, AccountDirectoryEntity, ...OUTBOX_ENTITIES];
export const SERVICE_MIGRATIONS = [
  ServiceSchema1763880300000,
  OutboxStream1763880400000,
  Inbox1763882000000,
  AccountDirectory1763882100000,
  ...OUTBOX_MIGRATIONS,
  OutboxMerge1764400100000,
  AccountDirectoryAccountId1764000120000,
];
