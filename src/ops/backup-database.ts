import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "../store/database-url.ts";
import { postgresConfig } from "../store/postgres-migrations.ts";

/** `backup <file>`: a consistent copy of the store, checked, never over an existing file. */
export async function backupStore(databaseUrl: string, dest: string): Promise<{ issues: number; bytes: number }> {
  const t = databaseTarget(databaseUrl);
  return t.kind === "sqlite" ? backupDatabase(t.file, dest) : backupPostgres(t, dest);
}

/**
 * PostgreSQL: the server's own pg_dump (one snapshot, the bot keeps writing), in its
 * custom format for pg_restore, of duban's schema only; checked by reading its table of
 * contents back.
 */
async function backupPostgres(t: Extract<DatabaseTarget, { kind: "postgresql" }>, dest: string): Promise<{ issues: number; bytes: number }> {
  const target = path.resolve(dest);
  if (existsSync(target)) throw new Error(`${target} 已存在，请换一个文件名（备份不覆盖已有文件）`);
  mkdirSync(path.dirname(target), { recursive: true });
  const dump = spawnSync("pg_dump", ["--format=custom", `--schema=${t.schema}`, `--file=${target}`, t.connectionString], { encoding: "utf8" });
  if (dump.error) throw new Error(`找不到 pg_dump：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client），版本不低于服务器`);
  if (dump.status !== 0) throw new Error(`pg_dump 失败：${dump.stderr.trim()}`);
  const list = spawnSync("pg_restore", ["--list", target], { encoding: "utf8" });
  if (list.status !== 0 || !/TABLE DATA \S+ "?Issue"?/.test(list.stdout)) throw new Error(`备份文件校验失败：${(list.stderr || "没有 Issue 表的数据").trim()}`);
  const client = new pg.Client(postgresConfig(t));
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "Issue"`);
    return { issues: Number(rows[0]!.n), bytes: statSync(target).size };
  } finally {
    await client.end();
  }
}

/**
 * A consistent copy of the live database, taken with SQLite's online backup while the
 * bot keeps writing (a plain file copy of a WAL database can miss or tear the latest
 * transactions). The copy is checked by opening it and counting its issues.
 */
export async function backupDatabase(dbPath: string, dest: string): Promise<{ issues: number; bytes: number }> {
  if (!existsSync(dbPath)) throw new Error(`数据库 ${dbPath} 不存在，没有可备份的内容`);
  const target = path.resolve(dest);
  if (existsSync(target)) throw new Error(`${target} 已存在，请换一个文件名（备份不覆盖已有文件）`);
  mkdirSync(path.dirname(target), { recursive: true });
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step, from one read snapshot: in WAL mode the bot's writes go on
    // meanwhile, while steps with commits between them would make SQLite start over.
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new Database(target);
  try {
    // A self-contained file: no -wal and -shm beside each copy.
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`备份文件校验失败：${String(check)}`);
    const { n } = copy.prepare(`SELECT COUNT(*) AS n FROM "Issue"`).get() as { n: number };
    return { issues: n, bytes: statSync(target).size };
  } finally {
    copy.close();
  }
}
