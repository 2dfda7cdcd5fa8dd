import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/store/sqlite-migrations.ts";
import { openStore } from "../../src/store/open-store.ts";

// A database made by an earlier release, with data in every table a later migration
// rebuilds, must come through the upgrade whole: the rows, their history and the
// hand-written code-key index.
const dir = mkdtempSync(path.join(tmpdir(), "duban-upgrade-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function databaseAt(file: string, lastMigration: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => !n.endsWith(".toml")).sort()) {
    if (name > lastMigration) break;
    db.exec(readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"));
    db.prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, 'x', ?, ?, 1)`).run(name, new Date().toISOString(), name);
  }
  const now = Date.now();
  db.exec(`INSERT INTO "Unit" ("id", "name") VALUES (1, '区水利局')`);
  db.prepare(`INSERT INTO "Issue" ("id", "code", "description", "unitId", "deadline", "state", "createdAt", "updatedAt") VALUES (1, 'ZG-2026-001', '排污口整治', 1, '2026-12-31', 'IN_PROGRESS', ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "IssueEvent" ("id", "issueId", "type", "actorId", "actorName", "text", "at") VALUES (1, 1, 'PROGRESS', 'u1', '张三', '已完成一半', ?)`).run(now);
  db.prepare(`INSERT INTO "Attachment" ("issueId", "eventId", "fileName", "path", "size", "messageId", "senderId", "at") VALUES (1, 1, 'a.jpg', '/x/a.jpg', 3, 'm1', 'u1', ?)`).run(now);
  db.close();
}

it("upgrades a database with issues, history and photos to the intake schema", async () => {
  const file = path.join(dir, "old.db");
  databaseAt(file, "20261129200000_issue_code_key");
  const store = await openStore(`file:${file}`);
  try {
    const issue = await store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-001" }, include: { events: true, attachments: true } });
    expect(issue).toMatchObject({ deadline: "2026-12-31", state: "IN_PROGRESS", assignedOn: null, ackPending: false });
    expect(issue.events).toHaveLength(1);
    expect(issue.attachments).toMatchObject([{ fileName: "a.jpg", kind: "image" }]);
    const indexes = await store.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Issue'`;
    expect(indexes.map((i) => i.name)).toContain("Issue_codeKey_idx");
    const fk = await store.$queryRaw<unknown[]>`PRAGMA foreign_key_check`;
    expect(fk).toEqual([]);
  } finally {
    await store.$disconnect();
  }
  // A copy opened again changes nothing more.
  copyFileSync(file, path.join(dir, "again.db"));
  const again = await openStore(`file:${path.join(dir, "again.db")}`);
  expect(await again.issue.count()).toBe(1);
  await again.$disconnect();
});
