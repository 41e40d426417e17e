import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { CrmConfig } from '@crm/config';
import { names } from '@crm/contracts';
import { dataSourceOptions } from '@crm/persistence';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';

/**
 * Where purges run: the retention account (AUDIT_RETENTION_DATABASE_URL), the only one that may
 * delete rows of the logs — the app's own account may only insert and read them (issue 13). Without
 * it, the app's data source. A small pool of its own, opened on first use: purges are rare.
 */
@Injectable()
export class RetentionDatabase implements OnApplicationShutdown {
  private own: Promise<DataSource> | null = null;

  constructor(
    @Inject(getDataSourceToken()) private readonly app: DataSource,
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {}

  dataSource(): Promise<DataSource> {
    const url = this.audit.auditData.retentionDatabaseUrl;
    if (!url) return Promise.resolve(this.app);
    this.own ??= new DataSource({
      ...dataSourceOptions({ databaseUrl: url, database: names.database(this.config.namespace, 'audit') }, [], [], 2),
      migrationsRun: false,
    } as DataSourceOptions)
      .initialize()
      .catch((error: unknown) => {
        this.own = null;
        throw error;
      });
    return this.own;
  }

  async onApplicationShutdown(): Promise<void> {
    const own = await this.own?.catch(() => null);
    await own?.destroy();
  }
}
