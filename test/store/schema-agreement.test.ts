import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { POSTGRESQL_SCHEMA, SQLITE_SCHEMA, derivePostgresqlSchema } from "../../prisma/derive-postgresql.ts";
import { databaseTarget } from "../../src/store/database-url.ts";
import { POSTGRES_MIGRATIONS_DIR, applyPostgresMigrations, postgresConfig } from "../../src/store/postgres-migrations.ts";
import { MIGRATIONS_DIR, applyMigrations } from "../../src/store/sqlite-migrations.ts";
import { onPostgres, testDatabaseUrl } from "../support/test-database.ts";

// One schema (prisma/schema.prisma), two stores: the PostgreSQL schema is derived from it,
// both stores have the same migrations by name, and each store's migrations build exactly
// what its schema describes (plus the indexes Prisma cannot declare, written by hand).
const dir = mkdtempSync(path.join(tmpdir(), "duban-schema-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HAND_WRITTEN_INDEXES = ["Issue_codeKey_idx", "Milestone_undone_due_idx"];
const names = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** What `prisma migrate diff` would create from nothing for this schema. */
function fromEmpty(config: string | null, schema: string, url: string): string {
  return execFileSync("npx", ["prisma", "migrate", "diff", ...(config ? ["--config", config] : []), "--from-empty", "--to-schema-datamodel", schema, "--script"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
}

it("the PostgreSQL schema is prisma/schema.prisma's (npm run db:derive rewrites it)", () => {
  expect(readFileSync(POSTGRESQL_SCHEMA, "utf8")).toBe(derivePostgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
});

it("both stores have the same migrations", () => {
  expect(names(POSTGRES_MIGRATIONS_DIR)).toEqual(names(MIGRATIONS_DIR));
});

function sqliteShape(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).pluck().all() as string[];
    return Object.fromEntries(
      tables.map((t) => [
        t,
        {
          columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name`).all(t),
          indexes: db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(t),
          foreignKeys: db.prepare(`SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`).all(t),
        },
      ]),
    );
  } finally {
    db.close();
  }
}

it("SQLite's migrations build what its schema describes", () => {
  const migrated = path.join(dir, "migrated.db");
  applyMigrations(migrated);
  const declared = path.join(dir, "declared.db");
  const db = new Database(declared);
  db.exec(fromEmpty(null, SQLITE_SCHEMA, `file:${declared}`));
  db.close();
  const a = sqliteShape(migrated);
  const b = sqliteShape(declared);
  for (const t of Object.values(a)) t.indexes = t.indexes.filter((i) => !HAND_WRITTEN_INDEXES.includes((i as { name: string }).name));
  expect(a).toEqual(b);
});

async function postgresShape(client: pg.Client, schema: string) {
  const strip = (v: unknown) => (typeof v === "string" ? v.replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "") : v);
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
     FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY indexname`, [schema]);
  const constraints = await client.query(
    `SELECT conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = $1 AND conname NOT LIKE '\\_prisma%' ORDER BY conname`,
    [schema],
  );
  return {
    columns: columns.rows.map((r) => ({ ...r, column_default: strip(r.column_default) })),
    indexes: indexes.rows.filter((r) => !HAND_WRITTEN_INDEXES.includes(r.indexname)).map((r) => ({ ...r, indexdef: strip(r.indexdef) })),
    constraints: constraints.rows.map((r) => ({ ...r, def: strip(r.def) })),
  };
}

describe.skipIf(!onPostgres())("on PostgreSQL", () => {
  it("the migrations build what the schema describes, the hand-written indexes included", async () => {
    const migrated = databaseTarget(testDatabaseUrl(path.join(dir, "migrated")));
    const declared = databaseTarget(testDatabaseUrl(path.join(dir, "declared")));
    if (migrated.kind !== "postgresql" || declared.kind !== "postgresql") throw new Error("not PostgreSQL");
    await applyPostgresMigrations(migrated);
    const client = new pg.Client(postgresConfig(declared));
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${declared.schema}"`);
      await client.query(fromEmpty("prisma/postgresql/prisma.config.ts", POSTGRESQL_SCHEMA, migrated.connectionString));
      const a = await postgresShape(client, migrated.schema);
      const b = await postgresShape(client, declared.schema);
      expect(a).toEqual(b);
      const hand = await client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname = ANY($2) ORDER BY indexname`, [migrated.schema, HAND_WRITTEN_INDEXES]);
      expect(hand.rows.map((r) => r.indexname)).toEqual(HAND_WRITTEN_INDEXES);
    } finally {
      await client.end();
    }
  });

  it("processes starting together apply the migrations once", async () => {
    const target = databaseTarget(testDatabaseUrl(path.join(dir, "together")));
    if (target.kind !== "postgresql") throw new Error("not PostgreSQL");
    const runs = await Promise.all([1, 2, 3].map(() => applyPostgresMigrations(target)));
    expect(runs.flat().sort()).toEqual(names(POSTGRES_MIGRATIONS_DIR));
    expect(await applyPostgresMigrations(target)).toEqual([]);
  });
});
