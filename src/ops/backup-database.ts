import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

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
