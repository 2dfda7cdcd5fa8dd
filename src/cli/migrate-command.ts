import { applyMigrations, sqlitePath } from "../store/sqlite-migrations.ts";
import { readConfigOrExit } from "./read-config.ts";

export async function runMigrateCommand(): Promise<number> {
  const config = readConfigOrExit();
  const applied = applyMigrations(sqlitePath(config.DATABASE_URL));
  process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
  return 0;
}
