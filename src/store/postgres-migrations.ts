import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { DatabaseTarget } from "./database-url.ts";

export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/postgresql/migrations", import.meta.url));

type PostgresTarget = Extract<DatabaseTarget, { kind: "postgresql" }>;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A connection whose unqualified names ("Issue") resolve in the target's schema, as the hand-written SQL expects. */
export function postgresConfig(t: PostgresTarget): pg.ClientConfig {
  return { connectionString: t.connectionString, options: `-c search_path=${quoteIdent(t.schema)} -c TimeZone=UTC` };
}

function migrationNames(): string[] {
  return existsSync(POSTGRES_MIGRATIONS_DIR)
    ? readdirSync(POSTGRES_MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

async function appliedNames(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.migration_name));
}

async function withClient<T>(t: PostgresTarget, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(postgresConfig(t));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The committed migrations the schema lacks, without changing it. */
export async function pendingPostgresMigrations(t: PostgresTarget): Promise<string[]> {
  return withClient(t, async (client) => {
    const { rows } = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = '_prisma_migrations'`, [t.schema]);
    const done = rows.length ? await appliedNames(client) : new Set<string>();
    return migrationNames().filter((n) => !done.has(n));
  });
}

/**
 * Applies the committed PostgreSQL migrations the schema lacks, each in its own
 * transaction, recorded in Prisma's `_prisma_migrations` (same checksum), so
 * `prisma migrate status` agrees. Prisma's JS schema engine cannot apply them here (it
 * fails to read PostgreSQL's `name` columns), hence this. An advisory lock per schema
 * makes processes that start together take turns: the first applies, the rest find
 * nothing left to do.
 */
export async function applyPostgresMigrations(t: PostgresTarget): Promise<string[]> {
  return withClient(t, async (client) => {
    const lock = `duban.migrate:${t.schema}`;
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [lock]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(t.schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
      const done = await appliedNames(client);
      const applied: string[] = [];
      for (const name of migrationNames()) {
        if (done.has(name)) continue;
        const sql = readFileSync(path.join(POSTGRES_MIGRATIONS_DIR, name, "migration.sql"), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        const started = new Date();
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), checksum, name, started],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lock]);
    }
  });
}
