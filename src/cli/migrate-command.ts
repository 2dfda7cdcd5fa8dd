import { migrateStore } from "../store/store-migrations.ts";
import { readConfigOrExit } from "./read-config.ts";

export async function runMigrateCommand(): Promise<number> {
  const config = readConfigOrExit();
  const applied = await migrateStore(config.DATABASE_URL);
  process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
  return 0;
}
