import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/create-app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { at, zt } from "../schedule/helpers.ts";
import { onPostgres, testDatabaseUrl } from "../support/test-database.ts";

/*
 * kill -9 in the middle of the work, then a restart: nothing lost, nothing half-written,
 * every planned message delivered, at most the one in flight twice (README: Schedules).
 */
const FIXTURE = path.join(import.meta.dirname, "fixtures", "crash-process.ts");
const dir = mkdtempSync(path.join(os.tmpdir(), "duban-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNITS = 60;
const ROWS = 3000;

function ledger(rows = ROWS): string {
  const file = path.join(dir, `ledger-${rows}.csv`);
  const lines = ["编号,问题描述,责任单位,整改时限,整改状态"];
  for (let i = 1; i <= rows; i++) {
    const deadline = i % 2 ? "2026-11-20" : "2026-12-09";
    lines.push(`CR-2026-${String(i).padStart(4, "0")},第${i}号问题：${"河道沿线垃圾堆放未清理，".repeat(20)},单位${i % UNITS},${deadline},${i % 3 ? "整改中" : "未开始"}`);
  }
  writeFileSync(file, lines.join("\n"));
  return file;
}

const walSize = (dbFile: string) => (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0);

/** A bot process; resolves lines as it prints them, and how it ended. */
function child(args: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", FIXTURE, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const seen: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: () => void }[] = [];
  createInterface({ input: proc.stdout! }).on("line", (l) => {
    seen.push(l);
    for (const w of waiters.filter((w) => w.test(l))) w.resolve();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
  const when = (test: (l: string) => boolean) =>
    seen.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  return { proc, seen, ended, when };
}

async function openApp(dbFile: string, local: string) {
  const config = loadConfig({ DUBAN_ADMINS: "王科长", DATABASE_URL: testDatabaseUrl(dbFile) });
  return createApp({ config, clock: new ManualClock(at(local)), transport: { send: async () => undefined, sendFile: async () => undefined }, log: pino({ level: "silent" }) });
}

describe("kill -9 and restart", () => {
  it("during an import: the file lands whole or not at all, and importing again completes it", async () => {
    const file = ledger();
    const dbFile = path.join(dir, "import.db");
    // First killed soon after start; then killed once the write is under way: a write
    // bigger than SQLite's page cache spills into the WAL file before it commits.
    for (const moment of ["early", "writing"] as const) {
      const c = child(["import", dbFile, file]);
      await c.when((l) => l === "ready");
      const walStart = walSize(dbFile);
      if (moment === "early") await new Promise((r) => setTimeout(r, 100));
      else for (let i = 0; i < 3000 && walSize(dbFile) < walStart + 512 * 1024 && !c.seen.some((l) => l.startsWith("imported")); i++) await new Promise((r) => setTimeout(r, 2));
      const walAtKill = walSize(dbFile);
      c.proc.kill("SIGKILL");
      const end = await c.ended;
      const app = await openApp(dbFile, "2026-12-01 08:00");
      try {
        const [issues, units, events] = await Promise.all([app.store.issue.count(), app.store.unit.count(), app.store.issueEvent.count()]);
        const finished = c.seen.some((l) => l.startsWith("imported"));
        expect(end.signal === "SIGKILL" || finished).toBe(true);
        // All or nothing: every issue with its unit and its history, or none of them.
        // The second kill is known to have landed inside the write: the WAL had grown
        // (SQLite's; PostgreSQL's write-ahead log is the server's, not beside the file).
        if (moment === "writing" && !finished && !onPostgres()) expect(walAtKill).toBeGreaterThan(walStart);
        expect([0, ROWS]).toContain(issues);
        expect(units).toBe(issues ? UNITS : 0);
        expect(events).toBe(issues);
      } finally {
        await app.close();
      }
    }
    const app = await openApp(dbFile, "2026-12-01 08:00");
    try {
      const result = await importLedgerFile(app.store, file, zt, { actor: "restart", now: app.clock.now() });
      expect(result.ok).toBe(true);
      expect(await app.store.issue.count()).toBe(ROWS);
      expect(await app.store.unit.count()).toBe(UNITS);
      const codes = await app.store.issue.findMany({ select: { code: true } });
      expect(new Set(codes.map((c) => c.code)).size).toBe(ROWS);
    } finally {
      await app.close();
    }
  });

  it("during a morning fan-out: every planned message is delivered, at most the one in flight twice", async () => {
    const dbFile = path.join(dir, "fanout.db");
    const deliveries = path.join(dir, "deliveries.jsonl");
    const app = await openApp(dbFile, "2026-12-01 08:00");
    try {
      expect((await importLedgerFile(app.store, ledger(UNITS * 4), zt, { actor: "seed", now: app.clock.now() })).ok).toBe(true);
      const units = await app.store.unit.findMany();
      const t = at("2026-12-01 08:00");
      await app.store.roomBinding.createMany({
        data: [
          ...units.map((u) => ({ roomId: `g${u.id}@chatroom`, topic: `${u.name}工作群`, kind: "UNIT", unitId: u.id, boundBy: "王科长", createdAt: t, updatedAt: t })),
          { roomId: "leaders@chatroom", topic: "领导群", kind: "LEADERS", unitId: null, boundBy: "王科长", createdAt: t, updatedAt: t },
        ],
      });
    } finally {
      await app.close();
    }
    const ARGS = ["fanout", dbFile, deliveries, "2026-12-07 09:00"];

    // 1: killed while planning (the job's transaction) or just after.
    const first = child(ARGS);
    await first.when((l) => l === "ready");
    first.proc.kill("SIGKILL");
    await first.ended;
    // 2: killed in the middle of sending.
    const second = child(ARGS);
    await second.when((l) => l === "sent 10");
    second.proc.kill("SIGKILL");
    expect((await second.ended).signal).toBe("SIGKILL");
    const beforeRestart = readFileSync(deliveries, "utf8").trim().split("\n").length;
    expect(beforeRestart).toBeGreaterThanOrEqual(10);
    // 3: the restart finishes the work.
    const third = child(ARGS);
    expect(await third.ended).toEqual({ code: 0, signal: null });
    expect(third.seen.at(-1)).toBe("finished");

    const check = await openApp(dbFile, "2026-12-07 09:00");
    try {
      const rows = await check.store.outbox.findMany();
      const runs = await check.store.jobRun.findMany();
      expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
      expect(runs.map((r) => r.job)).toEqual(expect.arrayContaining(["digest", "reminders", "ranking"]));
      // One reminder per unit group, plus the digest and the ranking: planned once.
      expect(rows.filter((r) => r.key.startsWith("job:reminders:")).length).toBe(UNITS);
      expect(rows.every((r) => r.status === "SENT")).toBe(true);
      const planned = rows.map((r) => JSON.stringify(`${r.targetName}|${r.text}`));
      const got = readFileSync(deliveries, "utf8").trim().split("\n");
      const times = new Map<string, number>();
      for (const g of got) times.set(g, (times.get(g) ?? 0) + 1);
      for (const p of planned) expect(times.get(p) ?? 0, p).toBeGreaterThanOrEqual(1);
      expect([...times.keys()].every((g) => planned.includes(g))).toBe(true);
      const twice = [...times.values()].filter((n) => n > 1);
      expect(twice.length).toBeLessThanOrEqual(1);
      expect(twice.every((n) => n === 2)).toBe(true);
      expect(got.length).toBeLessThanOrEqual(planned.length + 1);
    } finally {
      await check.close();
    }
    expect(existsSync(deliveries)).toBe(true);
  });
});
