/** A class TypeORM loads: an entity or a migration. */
type SchemaClass = abstract new (...args: never[]) => unknown;

/** What a marketing feature adds to the app's database: its entities and the migrations that create them. */
export interface FeatureSchema {
  entities: SchemaClass[];
  migrations: SchemaClass[];
}
