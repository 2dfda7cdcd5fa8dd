import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { databaseTarget } from "./database-url.ts";
import { quoteIdent } from "./postgres-migrations.ts";

/**
 * A fresh store for one run of the simulator: a file in its temporary folder, or, when
 * DATABASE_URL names a PostgreSQL server, a schema of its own there, dropped afterwards.
 */
export function temporaryDatabase(databaseUrl: string, dir: string): { url: string; drop(): Promise<void> } {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite") return { url: `file:${path.join(dir, "duban.db")}`, drop: async () => undefined };
  const schema = `duban_sim_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(target.connectionString);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: target.connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
