// The stores every bench runs on: a SQLite file, and a schema of its own on a PostgreSQL
// server (DUBAN_BENCH_POSTGRES_URL), each made for one measurement and dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseTarget } from "../src/store/database-url.ts";
import { postgresConfig } from "../src/store/postgres-migrations.ts";
import { temporaryDatabase } from "../src/store/temporary-database.ts";

export type StoreKind = "sqlite" | "postgresql";

export const POSTGRES_URL = process.env.DUBAN_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A store made for one measurement; `dir` is scratch space beside it, removed with it. */
export interface BenchStore {
  kind: StoreKind;
  url: string;
  dir: string;
  drop(): Promise<void>;
}

/** Why the PostgreSQL benches cannot run (the server is not there), or null when they can. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${POSTGRES_URL}: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function benchStore(kind: StoreKind): Promise<BenchStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-"));
  const db = await temporaryDatabase(kind === "sqlite" ? "file:bench.db" : POSTGRES_URL, dir);
  return {
    kind,
    url: db.url,
    dir,
    async drop() {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` on a fresh store, dropped afterwards whatever happens. */
export async function withBenchStore<T>(kind: StoreKind, work: (s: BenchStore) => Promise<T>): Promise<T> {
  const store = await benchStore(kind);
  try {
    return await work(store);
  } finally {
    await store.drop();
  }
}

/** A raw `pg` connection to a PostgreSQL bench store, its unqualified names in the store's schema. */
export async function rawPostgres(url: string): Promise<pg.Client> {
  const target = databaseTarget(url);
  if (target.kind !== "postgresql") throw new Error(`not a PostgreSQL store: ${url}`);
  const client = new pg.Client(postgresConfig(target));
  await client.connect();
  return client;
}

/** The SQLite file of a SQLite bench store. */
export function sqliteFile(url: string): string {
  const target = databaseTarget(url);
  if (target.kind !== "sqlite") throw new Error(`not a SQLite store: ${url}`);
  return target.file;
}
