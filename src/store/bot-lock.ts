import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BotLockedError extends Error {
  constructor(readonly dbPath: string) {
    super(`another duban bot is already running on ${dbPath}`);
    this.name = "BotLockedError";
  }
}

const lockFile = (dbPath: string) => `${dbPath}.bot-lock`;

// A connection nobody refers to is closed by the garbage collector, and its lock with it.
const held = new Set<Database.Database>();

/**
 * One bot per SQLite database: two would answer every message twice. The lock is an
 * exclusive transaction held open on a small side database, so the operating system
 * drops it when the process dies, however it dies (no stale lock file to clean up).
 * The issue store itself stays open to the CLI: import, export, status and backup work
 * while the bot runs.
 */
export function acquireBotLock(dbPath: string, waitMs = 1000): { release(): void } {
  mkdirSync(path.dirname(dbPath), { recursive: true });
  // A moment's wait: `status` or `doctor` may be holding the lock briefly to test it.
  const db = new Database(lockFile(dbPath), { timeout: waitMs });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY") throw new BotLockedError(dbPath);
    throw err;
  }
  held.add(db);
  return {
    release() {
      held.delete(db);
      if (db.inTransaction) db.exec("ROLLBACK");
      db.close();
    },
  };
}

/** Whether a bot holds the database now (for `status` and `doctor`). */
export function isBotRunning(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  try {
    acquireBotLock(dbPath, 0).release();
    return false;
  } catch (err) {
    if (err instanceof BotLockedError) return true;
    throw err;
  }
}
