import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseTarget } from "./database-url.ts";
import { quoteIdent } from "./postgres-migrations.ts";
import { processAlive } from "../core/process-alive.ts";

/** This machine, in a schema name: a process id means something only on its own host. */
const HOST = createHash("sha1").update(hostname()).digest("hex").slice(0, 8);
const PREFIX = `duban_sim_${HOST}_`;


async function withServer(connectionString: string, work: (c: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh store for one run of the simulator: a file in its temporary folder, or, when
 * DATABASE_URL names a PostgreSQL server, a schema of its own there, dropped afterwards.
 * Schemas of simulators on this machine that were killed (their process is gone) are
 * dropped by the next one, as their folders are.
 */
export async function temporaryDatabase(databaseUrl: string, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite") return { url: `file:${path.join(dir, "duban.db")}`, drop: async () => undefined };
  const schema = `${PREFIX}${process.pid}_${randomBytes(4).toString("hex")}`;
  await withServer(target.connectionString, async (client) => {
    const { rows } = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)`, [PREFIX]);
    for (const { name } of rows) {
      const pid = Number(name.slice(PREFIX.length).split("_")[0]);
      if (pid !== process.pid && !processAlive(pid)) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
    }
  });
  const url = new URL(target.connectionString);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    drop: () => withServer(target.connectionString, (client) => client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).then(() => undefined)),
  };
}
