import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "./database-url.ts";
import type { Store, Tx } from "./open-store.ts";
import { postgresConfig } from "./postgres-migrations.ts";

const KEY = "directory.version";

/**
 * Bindings and memberships are cached by every bot process (read for every message); a
 * change made elsewhere (the CLI, another process) bumps this number, and each process
 * reloads when it differs.
 */
export async function bumpDirectoryVersion(db: Store | Tx): Promise<void> {
  await db.$executeRaw`INSERT INTO "Meta" ("key", "value") VALUES (${KEY}, '1')
    ON CONFLICT ("key") DO UPDATE SET "value" = CAST(CAST("Meta"."value" AS INTEGER) + 1 AS TEXT)`;
}

/** What the pipeline compares before each message: a change means reload. */
export interface DirectoryVersion {
  current(): Promise<string>;
  close(): Promise<void>;
}

export async function openDirectoryVersion(databaseUrl: string): Promise<DirectoryVersion> {
  const target = databaseTarget(databaseUrl);
  return target.kind === "sqlite" ? sqliteVersion(target.file) : postgresVersion(target);
}

/**
 * SQLite: read for every message through a read-only connection of its own: a few
 * microseconds, where a query through Prisma costs about half a millisecond (measured:
 * 10–15% of the chat pipeline's throughput).
 */
function sqliteVersion(file: string): DirectoryVersion {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const read = db.prepare<[string], string | undefined>(`SELECT "value" FROM "Meta" WHERE "key" = ?`).pluck();
  return {
    current: async () => read.get(KEY) ?? "0",
    close: async () => void db.close(),
  };
}

/**
 * PostgreSQL: the same row, read for every message on a connection of its own (a
 * round trip, no Prisma). Read, not announced: a change committed by another process is
 * then seen by the very next message (a NOTIFY could arrive after it).
 */
async function postgresVersion(target: Extract<DatabaseTarget, { kind: "postgresql" }>): Promise<DirectoryVersion> {
  const pool = new pg.Pool({ ...postgresConfig(target), max: 1 });
  pool.on("error", () => undefined);
  return {
    async current() {
      const { rows } = await pool.query<{ value: string }>({ name: "directory-version", text: `SELECT "value" FROM "Meta" WHERE "key" = $1`, values: [KEY] });
      return rows[0]?.value ?? "0";
    },
    close: () => pool.end(),
  };
}
