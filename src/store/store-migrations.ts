import { existsSync } from "node:fs";
import { databaseTarget } from "./database-url.ts";
import { applyPostgresMigrations, pendingPostgresMigrations } from "./postgres-migrations.ts";
import { applyMigrations, pendingMigrations } from "./sqlite-migrations.ts";

/** `npm run duban -- migrate`: the committed migrations the store lacks, applied. */
export async function migrateStore(databaseUrl: string): Promise<string[]> {
  const t = databaseTarget(databaseUrl);
  return t.kind === "sqlite" ? applyMigrations(t.file) : applyPostgresMigrations(t);
}

/** The committed migrations the store lacks, without changing it; null for a SQLite file not created yet. */
export async function pendingStoreMigrations(databaseUrl: string): Promise<string[] | null> {
  const t = databaseTarget(databaseUrl);
  if (t.kind === "postgresql") return pendingPostgresMigrations(t);
  return existsSync(t.file) ? pendingMigrations(t.file) : null;
}
