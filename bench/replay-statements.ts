// The raw-driver floor of a job: every statement its run sent to the database, caught at the
// driver (better-sqlite3's prepare, pg's query) and sent again, in the same order with the
// same values, straight through the driver. What is left is the database's own work and
// the round trips; what the job adds to it is Prisma's and the job's JavaScript.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { rawPostgres, sqliteFile, type StoreKind } from "./bench-store.ts";

type Sent = { kind: "sqlite"; sql: string; args: unknown[] | null } | { kind: "postgresql"; query: string | pg.QueryConfig };

/**
 * Starts catching statements in this process; `take()` returns those sent since the last
 * take, `stop()` stops catching.
 */
export function catchStatements(kind: StoreKind): { take(): Sent[]; stop(): void } {
  let sent: Sent[] = [];
  const prepare = Database.prototype.prepare;
  const query = pg.Client.prototype.query;
  if (kind === "sqlite") {
    Database.prototype.prepare = function (this: Database.Database, sql: string) {
      const stmt = prepare.call(this, sql);
      const entry: Sent = { kind: "sqlite", sql, args: null };
      sent.push(entry);
      const bind = stmt.bind.bind(stmt);
      stmt.bind = (...args: unknown[]) => {
        entry.args = args;
        return (bind as (...a: unknown[]) => Database.Statement)(...args);
      };
      return stmt;
    } as typeof prepare;
  } else {
    pg.Client.prototype.query = function (this: pg.Client, q: string | pg.QueryConfig, ...rest: unknown[]) {
      sent.push({ kind: "postgresql", query: typeof q === "string" ? q : { text: q.text, values: q.values, rowMode: (q as { rowMode?: string }).rowMode, types: q.types } as pg.QueryConfig });
      return (query as (...a: unknown[]) => unknown).call(this, q, ...rest);
    } as typeof query;
  }
  return {
    take() {
      const out = sent;
      sent = [];
      return out;
    },
    stop() {
      Database.prototype.prepare = prepare;
      pg.Client.prototype.query = query;
      sent = [];
    },
  };
}

/** Sends the statements again through one raw connection, in order; returns the time they took, ms. */
export async function replayStatements(kind: StoreKind, url: string, statements: Sent[]): Promise<number> {
  if (kind === "sqlite") {
    const db = new Database(sqliteFile(url));
    try {
      const t = performance.now();
      for (const s of statements) {
        if (s.kind !== "sqlite") continue;
        const stmt = db.prepare(s.sql);
        if (s.args) stmt.bind(...s.args);
        if (stmt.reader) stmt.raw().all();
        else stmt.run();
      }
      return performance.now() - t;
    } finally {
      db.close();
    }
  }
  const db = await rawPostgres(url);
  try {
    const t = performance.now();
    for (const s of statements) if (s.kind === "postgresql") await db.query(s.query as pg.QueryConfig);
    return performance.now() - t;
  } finally {
    await db.end();
  }
}
