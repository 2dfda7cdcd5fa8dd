// Messages through the full pipeline (parse → authorize → store → reply in outbox) on
// SQLite, over a 10,000-issue ledger in 300 units, against the same writes done with raw
// better-sqlite3 SQL: the floor. Run: npx tsx bench/bench-pipeline.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pino from "pino";
import { createApp } from "../src/app/create-app.ts";
import type { InboundMessage } from "../src/handlers/inbound-message.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { ManualClock } from "../src/core/clock.ts";
import { addDays } from "../src/core/zoned-time.ts";
import { importLedger } from "../src/ledger/import-ledger.ts";
import type { LedgerRow } from "../src/ledger/ledger-row.ts";

const ISSUES = 10_000;
const UNITS = 300;
const COMMANDS = 3_000;
const FREE_TEXT = 1_000;

export interface PipelineBench {
  commands: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  rawPerSecond: number;
  rawP99Ms: number;
  ratio: number;
  /** Reports read from free text: the code inside the message or typed without separators. */
  freeText: number;
  freeTextPerSecond: number;
  freeTextP99Ms: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

function ledgerRows(): LedgerRow[] {
  return Array.from({ length: ISSUES }, (_, i) => ({
    code: `ZG-2026-${String(i + 1).padStart(5, "0")}`,
    description: `第${i + 1}号问题：岸线堆放建筑垃圾`,
    unitName: `单位${(i % UNITS) + 1}`,
    deadline: addDays("2026-11-01", i % 90),
    source: "暗访暗查",
    category: "渣",
    coUnits: "",
    leader: "周副区长",
    measures: "清运",
    state: i % 3 === 0 ? "NOT_STARTED" : "IN_PROGRESS",
  }));
}

export async function benchPipeline(): Promise<PipelineBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-"));
  try {
    const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, "b.db")}`, DUBAN_ADMINS: "admin", LOG_LEVEL: "silent" });
    const clock = new ManualClock(new Date("2026-12-01T08:00:00+08:00"));
    const app = await createApp({ config, clock, transport: { send: async () => {}, sendFile: async () => {} }, log: pino({ level: "silent" }) });
    await importLedger(app.store, ledgerRows(), { actor: "bench", now: clock.now() });
    let n = 0;
    const msg = (room: string | null, sender: string, text: string): InboundMessage => ({
      id: `b${++n}`,
      at: clock.now(),
      room: room ? { id: `${room}@chatroom`, topic: room } : null,
      sender: { id: sender, name: sender },
      text,
      mentionsBot: false,
    });
    for (let u = 1; u <= UNITS; u++) await app.pipeline.submit(msg(`单位${u}群`, "admin", `绑定 单位${u}`));

    // Mixed load: half queries, half progress reports, each from the issue's own unit group.
    const latencies: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      const k = (i * 7919) % ISSUES;
      const code = `ZG-2026-${String(k + 1).padStart(5, "0")}`;
      const room = `单位${(k % UNITS) + 1}群`;
      const text = i % 2 ? `查询 ${code}` : `进度 ${code} 已清运${(i % 9) * 10}%`;
      const s = performance.now();
      await app.pipeline.submit(msg(room, `联络员${k % UNITS}`, text));
      latencies.push(performance.now() - s);
    }
    const elapsed = performance.now() - t0;
    const queued = await app.store.outbox.count();
    if (queued < COMMANDS) throw new Error(`only ${queued} replies were queued`);

    // Free text: each needs the one lookup by code key that commands do not.
    const freeLatencies: number[] = [];
    const t1 = performance.now();
    for (let i = 0; i < FREE_TEXT; i++) {
      const k = (i * 104729) % ISSUES;
      const code = `ZG-2026-${String(k + 1).padStart(5, "0")}`;
      const text = i % 2 ? `关于${code}，已清运${(i % 9) + 1}成` : `${code.replaceAll("-", "")} 整改进度${(i % 9) * 10}%`;
      const s = performance.now();
      await app.pipeline.submit(msg(`单位${(k % UNITS) + 1}群`, `联络员${k % UNITS}`, text));
      freeLatencies.push(performance.now() - s);
    }
    const freeElapsed = performance.now() - t1;
    if ((await app.store.outbox.count()) < COMMANDS + FREE_TEXT) throw new Error("a free-text report was not answered");
    await app.close();
    freeLatencies.sort((a, b) => a - b);

    const raw = rawFloor(path.join(dir, "b.db"));
    latencies.sort((a, b) => a - b);
    const perSecond = (COMMANDS / elapsed) * 1000;
    return {
      commands: COMMANDS,
      perSecond: Math.round(perSecond),
      p50Ms: +pct(latencies, 0.5).toFixed(2),
      p99Ms: +pct(latencies, 0.99).toFixed(2),
      rawPerSecond: Math.round(raw.perSecond),
      rawP99Ms: +raw.p99.toFixed(3),
      ratio: +(raw.perSecond / perSecond).toFixed(1),
      freeText: FREE_TEXT,
      freeTextPerSecond: Math.round((FREE_TEXT / freeElapsed) * 1000),
      freeTextP99Ms: +pct(freeLatencies, 0.99).toFixed(2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same reads and writes per command, by hand, in one transaction each. */
function rawFloor(file: string): { perSecond: number; p99: number } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const binding = db.prepare(`SELECT b.*, u.name FROM RoomBinding b LEFT JOIN Unit u ON u.id = b.unitId WHERE b.roomId = ?`);
  const issue = db.prepare(`SELECT i.*, u.name AS unitName FROM Issue i JOIN Unit u ON u.id = i.unitId WHERE i.code = ?`);
  const recent = db.prepare(`SELECT * FROM IssueEvent WHERE issueId = ? ORDER BY at DESC, id DESC LIMIT 3`);
  const event = db.prepare(
    `INSERT INTO IssueEvent (issueId, type, actorId, actorName, roomId, text, percent, at) VALUES (?, 'PROGRESS', ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(`UPDATE Issue SET state = 'IN_PROGRESS', lastReportAt = ?, lastReportText = ?, updatedAt = ? WHERE id = ?`);
  const out = db.prepare(`INSERT INTO Outbox (key, roomId, targetName, text, status, attempts, createdAt, nextAttempt) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)`);
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < COMMANDS; i++) {
    const k = (i * 7919) % ISSUES;
    const code = `ZG-2026-${String(k + 1).padStart(5, "0")}`;
    const room = `单位${(k % UNITS) + 1}群@chatroom`;
    const now = Date.now();
    const s = performance.now();
    db.transaction(() => {
      binding.get(room);
      const row = issue.get(code) as { id: number };
      if (i % 2) recent.all(row.id);
      else {
        event.run(row.id, "x", "x", room, "已清运", 50, now);
        update.run(now, "已清运", now, row.id);
      }
      out.run(`raw:${i}`, room, "群", "回复", now, now);
    })();
    lat.push(performance.now() - s);
  }
  const elapsed = performance.now() - t0;
  db.close();
  lat.sort((a, b) => a - b);
  return { perSecond: (COMMANDS / elapsed) * 1000, p99: pct(lat, 0.99) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await benchPipeline();
  console.log(JSON.stringify(r, null, 2));
}
