import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "./database-url.ts";
import type { Store, Tx } from "./open-store.ts";
import { postgresConfig, quoteIdent } from "./postgres-migrations.ts";
import { sqlFor } from "./sql-dialect.ts";

const KEY = "directory.version";
/** PostgreSQL's channel for the bumps, one per schema (several stores may share a database). */
const CHANNEL_PREFIX = "duban_directory_";

/**
 * Bindings and memberships are cached by every bot process (read for every message); a
 * change made elsewhere (the CLI, another process) bumps this number, and each process
 * reloads when it differs. On PostgreSQL the bump is also announced to the listening
 * processes, at commit.
 */
export async function bumpDirectoryVersion(db: Store | Tx): Promise<void> {
  await db.$executeRaw`INSERT INTO "Meta" ("key", "value") VALUES (${KEY}, '1')
    ON CONFLICT ("key") DO UPDATE SET "value" = CAST(CAST("Meta"."value" AS INTEGER) + 1 AS TEXT)`;
  if (sqlFor(db).name === "postgresql") await db.$executeRaw`SELECT pg_notify(${CHANNEL_PREFIX} || current_schema(), '')`;
}

/** What the pipeline compares before each message: a change means reload. */
export interface DirectoryVersion {
  current(): string;
  close(): Promise<void>;
}

export async function openDirectoryVersion(databaseUrl: string): Promise<DirectoryVersion> {
  const target = databaseTarget(databaseUrl);
  return target.kind === "sqlite" ? sqliteVersion(target.file) : postgresVersion(target);
}

/**
 * SQLite: the number itself, read for every message through a read-only connection of its
 * own: a few microseconds, where a query through Prisma costs about half a millisecond
 * (measured: 10–15% of the chat pipeline's throughput).
 */
function sqliteVersion(file: string): DirectoryVersion {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const read = db.prepare<[string], string | undefined>(`SELECT "value" FROM "Meta" WHERE "key" = ?`).pluck();
  return {
    current: () => read.get(KEY) ?? "0",
    close: async () => void db.close(),
  };
}

const RECONNECT_MS = 2000;

/**
 * PostgreSQL: a connection that LISTENs; each notification is a new version, so a message
 * costs no query. While that connection is down a notification could be missed, so every
 * call returns a new version (the caches reload per message) until it is back.
 */
async function postgresVersion(target: Extract<DatabaseTarget, { kind: "postgresql" }>): Promise<DirectoryVersion> {
  let seen = 0;
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new pg.Client(postgresConfig(target));
    c.on("notification", () => seen++);
    c.on("error", () => undefined);
    c.on("end", () => {
      if (client === c) client = null;
      if (!closed) retry = setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS);
    });
    await c.connect();
    await c.query(`LISTEN ${quoteIdent(CHANNEL_PREFIX + target.schema)}`);
    client = c;
    // Whatever changed while it was down is reloaded once.
    seen++;
  };
  await connect();
  return {
    current: () => (client ? String(seen) : `down:${++seen}`),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end();
    },
  };
}
