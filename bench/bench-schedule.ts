// Times the scheduled morning jobs on a big ledger: the leaders' digest and every unit's
// reminder, each the whole job run (claim, load snapshot, build, enqueue, mark finished),
// for 10,000 issues over 300 units (target ≤ 500 ms) and 100,000 issues (target ≤ 5 s,
// peak RSS ≤ 300 MB), counting store queries; then what the morning fan-out costs at the
// configured send pacing.
// Each ledger is filled by one child process and measured in another, so the peak RSS is
// the jobs' own and not what filling the database left behind.
// Run: npx tsx bench/bench-schedule.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pino from "pino";
import { createApp } from "../src/app/create-app.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { ManualClock } from "../src/core/clock.ts";
import { ZonedTime, addDays } from "../src/core/zoned-time.ts";
import { applyMigrations } from "../src/store/apply-migrations.ts";
import type { Store } from "../src/store/open-store.ts";
import type { JobName } from "../src/schedule/job-times.ts";
import { Scheduler } from "../src/schedule/scheduler.ts";
import { WorkingCalendar } from "../src/schedule/working-calendar.ts";

const UNITS = 300;
const TODAY = "2026-12-07"; // a Monday: the weekly ranking runs too
const ADMINS = "王科长,李主任";
/** Runs of each job: the first pays for compiling its queries, the rest show the steady state. */
const RUNS = 3;
const time = new ZonedTime("Asia/Shanghai");
const SELF = fileURLToPath(import.meta.url);

type Timed = "digest" | "reminders";

/** Prisma's own DateTime text in SQLite, so its comparisons on these columns hold. */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** An integer hash: states and dates spread evenly over units, and every run gets the same ledger. */
function mix(i: number): number {
  let h = Math.imul(i ^ (i >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fills a fresh database with raw inserts: Prisma would take minutes for 100,000 rows. */
export function populate(file: string, issues: number): void {
  applyMigrations(file);
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
    const event = db.prepare(`INSERT INTO "IssueEvent" (issueId, type, actorId, actorName, text, at) VALUES (?, 'PROGRESS', 'bench', '联络员', '已完成管网铺设', ?)`);
    for (let i = 1; i <= issues; i++) {
      const r = mix(i) % 100;
      const state = r < 20 ? "NOT_STARTED" : r < 60 ? "IN_PROGRESS" : r < 75 ? "PENDING_VERIFICATION" : "CLOSED";
      const deadline = addDays("2026-10-01", (i * 7) % 149); // 10-01 … 02-26: about half already past
      const reported = r % 5 === 0 ? null : iso(new Date(morning - (mix(i + 1) % (20 * 86_400_000))));
      const claimed = state === "PENDING_VERIFICATION" || state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 4), "15:00")) : null;
      const closed = state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 2), "10:00")) : null;
      const reviewDue = state === "CLOSED" && i % 10 === 0 ? addDays(TODAY, -(i % 5)) : null;
      const description = `第${i}号问题：某处污水直排、异味扰民，群众反映强烈，需限期整改`;
      issue.run(i, `ZG-2026-${String(i).padStart(6, "0")}`, description, (i % UNITS) + 1, deadline, state, reported, reported ? "已完成管网铺设" : null, claimed, closed, reviewDue, created, created);
      // Since yesterday's digest: a report on one issue in twenty.
      if (i % 20 === 0) event.run(i, iso(new Date(morning - (i % 86_400_000))));
    }
  })();
  db.close();
}

/** Counts every store operation, raw SQL and those inside transactions included. */
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

interface Measured {
  job: Timed;
  /** Wall time of each run, ms. */
  ms: number[];
  queries: number;
  messages: number;
  /** Everything the morning enqueues (digest, reminders, ranking, reviews). */
  fanout: number;
  baselineRssMB: number;
  peakRssMB: number;
  maxRssMB: number;
  intervalMs: number;
  jitterMs: number;
}

/** In a measuring child: one job, RUNS times, on an already filled database. */
async function measure(file: string, job: Timed): Promise<Measured> {
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DUBAN_ADMINS: ADMINS, LOG_LEVEL: "silent" });
  const clock = new ManualClock(time.at(TODAY, "09:00"));
  const app = await createApp({ config, clock, transport: { send: async () => undefined, sendFile: async () => undefined }, log: pino({ level: "silent" }) });
  try {
    const counted = counting(app.store);
    const scheduler = new Scheduler({ ...app, store: counted.store }, new WorkingCalendar());
    const reset = async () => {
      await app.store.jobRun.deleteMany();
      await app.store.outbox.deleteMany();
      await app.store.meta.deleteMany();
    };
    await reset();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 2);
    const ms: number[] = [];
    let queries = 0;
    let messages = 0;
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) await reset();
      const q0 = counted.count();
      const t = performance.now();
      const outcome = await scheduler.runJob(job, TODAY);
      ms.push(performance.now() - t);
      sample();
      if (outcome !== "ran") throw new Error(`${job}: ${outcome}`);
      queries = counted.count() - q0;
      messages = await app.store.outbox.count();
    }
    clearInterval(sampler);
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    // The rest of the morning, for the size of the fan-out only.
    for (const other of ["digest", "reminders", "ranking", "reviews"] as const satisfies JobName[]) await scheduler.runJob(other, TODAY);
    return {
      job,
      ms,
      queries,
      messages,
      fanout: await app.store.outbox.count(),
      baselineRssMB: baseline / 2 ** 20,
      peakRssMB: peak / 2 ** 20,
      maxRssMB,
      intervalMs: config.DUBAN_SEND_INTERVAL_MS,
      jitterMs: config.DUBAN_SEND_JITTER_MS,
    };
  } finally {
    await app.close();
  }
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, ...args], { cwd: path.resolve(path.dirname(SELF), ".."), encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Fills a ledger in one child, then measures each job in a child of its own: each peak RSS is that job's. */
function runCase(issues: number): Record<Timed, Measured> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-schedule-"));
  try {
    const file = path.join(dir, "bench.db");
    child(["--populate", file, String(issues)]);
    const one = (job: Timed) => JSON.parse(child(["--measure", file, job])) as Measured;
    return { digest: one("digest"), reminders: one("reminders") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSchedule(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  let last: Measured | undefined;
  for (const issues of [10_000, 100_000]) {
    const { digest, reminders } = runCase(issues);
    const k = `${issues / 1000}k`;
    out[`${k} issues / ${UNITS} units: digest + reminders, first run, ms`] = r1(digest.ms[0]! + reminders.ms[0]!);
    out[`${k}: digest + reminders, steady state (median of runs 2-${RUNS}), ms`] = r1(median(digest.ms.slice(1)) + median(reminders.ms.slice(1)));
    out[`${k}: digest ms (first / steady)`] = `${r1(digest.ms[0]!)} / ${r1(median(digest.ms.slice(1)))}`;
    out[`${k}: reminders ms (first / steady)`] = `${r1(reminders.ms[0]!)} / ${r1(median(reminders.ms.slice(1)))}`;
    out[`${k}: store queries (digest + reminders)`] = `${digest.queries} + ${reminders.queries}`;
    out[`${k}: messages enqueued (digest + reminders)`] = `${digest.messages} + ${reminders.messages}`;
    out[`${k}: RSS before the job, MB`] = r1(reminders.baselineRssMB);
    out[`${k}: peak RSS sampled, MB (digest / reminders)`] = `${r1(digest.peakRssMB)} / ${r1(reminders.peakRssMB)}`;
    out[`${k}: process max RSS, MB (digest / reminders)`] = `${r1(digest.maxRssMB)} / ${r1(reminders.maxRssMB)}`;
    last = reminders;
  }
  // The sender waits the interval plus a uniform jitter in [0, jitter) between messages.
  const perMessageMs = last!.intervalMs + last!.jitterMs / 2;
  out["morning fan-out at 100k (digest, reminders, ranking, reviews), messages"] = last!.fanout;
  out["pacing per message, ms (DUBAN_SEND_INTERVAL_MS + mean jitter)"] = perMessageMs;
  out["delivering the fan-out takes, minutes"] = r1((last!.fanout * perMessageMs) / 60_000);
  out.targets = "10k ≤ 500 ms, 100k ≤ 5000 ms, peak RSS ≤ 300 MB";
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, file, arg] = process.argv.slice(2);
  if (mode === "--populate") populate(file!, Number(arg));
  else if (mode === "--measure") process.stdout.write(JSON.stringify(await measure(file!, arg as Timed)));
  else for (const [k, v] of Object.entries(await benchSchedule())) console.log(`${k}: ${v}`);
}
