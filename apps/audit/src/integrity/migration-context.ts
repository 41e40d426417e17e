import { loadConfig, type CrmConfig } from '@crm/config';

let configured: CrmConfig | null = null;

/**
 * The integrity migration chains the rows that exist when it runs, so it needs the master key.
 * The app (and the CLI) hand their validated configuration over before TypeORM runs migrations;
 * the environment is the fallback.
 */
export function setMigrationConfig(config: CrmConfig): void {
  configured = config;
}

export function migrationConfig(): CrmConfig {
  return configured ?? loadConfig(process.env);
}
