// Times the scheduled morning jobs on a big ledger: the leaders' digest and every unit's
// reminder (load snapshot + build + enqueue + mark the run finished), for 10,000 issues
// over 300 units (target ≤ 500 ms) and 100,000 issues (target ≤ 5 s, peak RSS ≤ 300 MB),
// with the number of store queries, then what the morning fan-out costs at the
// configured send pacing.
// Run: npx tsx bench/bench-schedule.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pino from "pino";
import { createApp, type App } from "../src/app/create-app.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { ManualClock } from "../src/core/clock.ts";
import { ZonedTime, addDays } from "../src/core/zoned-time.ts";
import type { Store } from "../src/store/open-store.ts";
import { jobTimes, type JobName } from "../src/schedule/job-times.ts";
import { Scheduler } from "../src/schedule/scheduler.ts";
import { WorkingCalendar } from "../src/schedule/working-calendar.ts";

const UNITS = 300;
const TODAY = "2026-12-07"; // a Monday: the weekly ranking runs too
const ADMINS = "王科长,李主任";
const time = new ZonedTime("Asia/Shanghai");

/** Prisma's own DateTime text in SQLite, so its comparisons on these columns hold. */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Fills a migrated database with raw inserts: Prisma would take minutes for 100,000 rows. */
export function populate(file: string, issues: number): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const created = iso(time.at("2026-09-01", "10:00"));
  const morning = time.at(TODAY, "08:00").getTime();
  db.transaction(() => {
    const unit = db.prepare(`INSERT INTO "Unit" (id, name, createdAt) VALUES (?, ?, ?)`);
    const room = db.prepare(`INSERT INTO "RoomBinding" (roomId, topic, kind, unitId, boundBy, createdAt, updatedAt) VALUES (?, ?, ?, ?, '王科长', ?, ?)`);
    for (let u = 1; u <= UNITS; u++) {
      unit.run(u, `测试单位${u}`, created);
      room.run(`unit${u}@chatroom`, `测试单位${u}工作群`, "UNIT", u, created, created);
    }
    room.run("leaders@chatroom", "领导群", "LEADERS", null, created, created);
    const issue = db.prepare(
      `INSERT INTO "Issue" (id, code, description, unitId, deadline, state, lastReportAt, lastReportText, claimedAt, closedAt, reviewDue, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = db.prepare(`INSERT INTO "IssueEvent" (issueId, type, actorId, actorName, text, at) VALUES (?, ?, 'bench', '联络员', '已完成管网铺设', ?)`);
    for (let i = 1; i <= issues; i++) {
      const r = (i * 2654435761) % 100; // a fixed spread, no Math.random: runs compare
      const state = r < 20 ? "NOT_STARTED" : r < 60 ? "IN_PROGRESS" : r < 75 ? "PENDING_VERIFICATION" : "CLOSED";
      const deadline = addDays("2026-10-01", (i * 7) % 149);
      const reported = r % 5 === 0 ? null : iso(new Date(morning - ((i * 7919) % (20 * 86_400_000))));
      const claimed = state === "PENDING_VERIFICATION" || state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 4), "15:00")) : null;
      const closed = state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 2), "10:00")) : null;
      const reviewDue = state === "CLOSED" && i % 10 === 0 ? addDays(TODAY, -(i % 5)) : null;
      issue.run(i, `ZG-2026-${String(i).padStart(6, "0")}`, `第${i}号问题：某处污水直排、异味扰民，群众反映强烈，需限期整改`, (i % UNITS) + 1, deadline, state, reported, reported ? "已完成管网铺设" : null, claimed, closed, reviewDue, created, created);
      // Since yesterday's digest: a report on one issue in twenty.
      if (i % 20 === 0) event.run(i, "PROGRESS", iso(new Date(morning - (i % 86_400_000))));
    }
  })();
  db.close();
}

/** Counts every store operation (inside transactions too): the jobs must not query per unit or issue. */
function counting(store: Store): { store: Store; count: () => number } {
  let n = 0;
  const extended = store.$extends({
    query: {
      $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  return { store: extended as unknown as Store, count: () => n };
}

interface Case {
  ms: number;
  digestMs: number;
  remindersMs: number;
  queries: number;
  messages: number;
  peakRssMB: number;
}

async function runCase(issues: number): Promise<Case & { fanout: number; delivery: { intervalMs: number; jitterMs: number } }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-schedule-"));
  let app: App | undefined;
  try {
    const file = path.join(dir, "bench.db");
    const config = loadConfig({ DATABASE_URL: `file:${file}`, DUBAN_ADMINS: ADMINS, LOG_LEVEL: "silent" });
    const clock = new ManualClock(time.at(TODAY, "09:00"));
    app = await createApp({ config, clock, transport: { send: async () => undefined }, log: pino({ level: "silent" }) });
    populate(file, issues);
    const counted = counting(app.store);
    const scheduler = new Scheduler({ ...app, store: counted.store }, new WorkingCalendar());

    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 2);
    const timed = async (job: JobName) => {
      const t = performance.now();
      const outcome = await scheduler.runJob(job, TODAY);
      sample();
      if (outcome !== "ran") throw new Error(`${job}: ${outcome}`);
      return performance.now() - t;
    };
    const q0 = counted.count();
    const digestMs = await timed("digest");
    const remindersMs = await timed("reminders");
    const queries = counted.count() - q0;
    clearInterval(sampler);
    const messages = await app.store.outbox.count();
    // The rest of the morning (ranking, reviews): for the fan-out count, not timed.
    for (const j of jobTimes(config)) if (j.job !== "digest" && j.job !== "reminders") await scheduler.runJob(j.job, TODAY);
    const fanout = await app.store.outbox.count();
    return {
      ms: digestMs + remindersMs,
      digestMs,
      remindersMs,
      queries,
      messages,
      peakRssMB: peak / 2 ** 20,
      fanout,
      delivery: { intervalMs: config.DUBAN_SEND_INTERVAL_MS, jitterMs: config.DUBAN_SEND_JITTER_MS },
    };
  } finally {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function benchSchedule(): Promise<Record<string, number | string>> {
  const small = await runCase(10_000);
  const big = await runCase(100_000);
  // The sender waits the interval plus a uniform jitter in [0, jitter) between messages.
  const perMessageMs = big.delivery.intervalMs + big.delivery.jitterMs / 2;
  return {
    "10k issues / 300 units: digest + reminders, ms (target ≤ 500)": round(small.ms),
    "10k: digest ms": round(small.digestMs),
    "10k: reminders ms": round(small.remindersMs),
    "10k: store queries for both jobs": small.queries,
    "10k: messages enqueued by both jobs": small.messages,
    "100k issues / 300 units: digest + reminders, ms (target ≤ 5000)": round(big.ms),
    "100k: digest ms": round(big.digestMs),
    "100k: reminders ms": round(big.remindersMs),
    "100k: store queries for both jobs": big.queries,
    "100k: peak RSS sampled, MB (target ≤ 300)": round(big.peakRssMB),
    "process max RSS (whole run), MB": round(process.resourceUsage().maxRSS / 1024),
    "morning fan-out (digest, reminders, ranking, reviews), messages": big.fanout,
    "pacing per message, ms (interval + mean jitter)": perMessageMs,
    "delivering the fan-out takes, minutes": round((big.fanout * perMessageMs) / 60_000),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await benchSchedule();
  for (const [k, v] of Object.entries(r)) console.log(`${k}: ${v}`);
}
