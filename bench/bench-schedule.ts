// Times the scheduled morning jobs on a big ledger: the day's lights (which issue the
// 督办单), the leaders' digest and every unit's reminder (which delivers the 督办单), each
// the whole job run (claim, load snapshot, build, enqueue or write, mark finished), for
// 10,000 issues over 300 units (target ≤ 500 ms) and 100,000 issues (target ≤ 5 s, peak
// RSS ≤ 300 MB), counting store queries; then what the morning fan-out costs at the
// configured send pacing. The ledger has what lights look at: reported percentages, 交办
// dates, daily projects and three milestones (节点) on every other issue.
// Each ledger is filled by one child process and each measurement runs in another, so the
// peak RSS is the job's own and not what filling the database left behind.
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
import { applyMigrations } from "../src/store/sqlite-migrations.ts";
import type { Store } from "../src/store/open-store.ts";
import type { JobName } from "../src/schedule/job-times.ts";
import { Scheduler } from "../src/schedule/scheduler.ts";
import { WorkingCalendar } from "../src/domain/working-calendar.ts";

const UNITS = 300;
const TODAY = "2026-12-07"; // a Monday: the weekly ranking runs too
const ADMINS = "王科长,李主任";
/** Runs of each job: the first pays for compiling its queries, the rest show the steady state. */
const RUNS = 3;
const time = new ZonedTime("Asia/Shanghai");
const SELF = fileURLToPath(import.meta.url);

type Timed = "lights" | "digest" | "reminders";

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
      `INSERT INTO "Issue" (id, code, description, unitId, deadline, state, lastReportAt, lastReportText, claimedAt, closedAt, reviewDue, progressPct, assignedOn, dailyReport, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = db.prepare(`INSERT INTO "IssueEvent" (issueId, type, actorId, actorName, text, at) VALUES (?, 'PROGRESS', 'bench', '联络员', '已完成管网铺设', ?)`);
    const milestone = db.prepare(`INSERT INTO "Milestone" (issueId, seq, due, text, doneAt) VALUES (?, ?, ?, ?, ?)`);
    /** A second independent draw per issue: `mix(i)` already picks the state. */
    const draw = (i: number, k: number, n: number) => mix(i + k * 0x100000) % n;
    for (let i = 1; i <= issues; i++) {
      const r = mix(i) % 100;
      const state = r < 20 ? "NOT_STARTED" : r < 60 ? "IN_PROGRESS" : r < 75 ? "PENDING_VERIFICATION" : "CLOSED";
      const deadline = addDays("2026-10-01", (i * 7) % 149); // 10-01 … 02-26: about half already past
      const reported = r % 5 === 0 ? null : iso(new Date(morning - (mix(i + 1) % (20 * 86_400_000))));
      const claimed = state === "PENDING_VERIFICATION" || state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 4), "15:00")) : null;
      const closed = state === "CLOSED" ? iso(time.at(addDays(deadline, (i % 7) - 2), "10:00")) : null;
      const reviewDue = state === "CLOSED" && i % 10 === 0 ? addDays(TODAY, -(i % 5)) : null;
      // What the lights look at: nine in ten issues in progress have reported a percentage,
      // one in five was assigned by 交办 (September to November), one in fifty reports daily.
      const progress = state === "IN_PROGRESS" && draw(i, 1, 10) < 9 ? draw(i, 2, 101) : null;
      const assignedOn = draw(i, 3, 5) === 0 ? addDays("2026-09-01", draw(i, 4, 91)) : null;
      const daily = draw(i, 5, 50) === 0 ? 1 : 0;
      const description = `第${i}号问题：某处污水直排、异味扰民，群众反映强烈，需限期整改`;
      issue.run(i, `ZG-2026-${String(i).padStart(6, "0")}`, description, (i % UNITS) + 1, deadline, state, reported, reported ? "已完成管网铺设" : null, claimed, closed, reviewDue, progress, assignedOn, daily, created, created);
      // Since yesterday's digest: a report on one issue in twenty.
      if (i % 20 === 0) event.run(i, iso(new Date(morning - (i % 86_400_000))));
      // Every other issue has three 节点, 45, 30 and 15 days (give or take) before its
      // deadline: some before today, some after. Three in four of those already due are done
      // (the rest are missed), one in five of those still to come.
      if (i % 2 === 0) {
        for (let seq = 1; seq <= 3; seq++) {
          const due = addDays(deadline, -15 * (4 - seq) - draw(i, 5 + seq, 7));
          const done = draw(i, 8 + seq, 20) < (due < TODAY ? 15 : 4);
          const doneOn = addDays(due < TODAY ? due : TODAY, -1 - draw(i, 11 + seq, 3));
          milestone.run(i, seq, due, `第${seq}阶段：管网铺设`, done ? iso(time.at(doneOn, "17:00")) : null);
        }
      }
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
  /** 督办单 issued by the first run (the lights job) and delivered by the last (the reminders). */
  issued: number;
  delivered: number;
  /** Everything the morning enqueues (digest, reminders, ranking, reviews); 0 when not asked. */
  fanout: number;
  baselineRssMB: number;
  peakRssMB: number;
  maxRssMB: number;
  intervalMs: number;
  jitterMs: number;
}

/**
 * In a measuring child: one job, `runs` times, on an already filled database. The lights
 * job runs once per child: its run writes the 督办单 the next one then finds issued. Every
 * reminders run delivers the same 督办单 again: each starts with them undelivered.
 */
async function measure(file: string, job: Timed, runs: number, fanout: boolean): Promise<Measured> {
  // The digest's reads and text, as its targets were set; its pictures are bench-pictures.ts's.
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DUBAN_DATA_DIR: path.dirname(file), DUBAN_DIGEST_FORMAT: "text", DUBAN_ADMINS: ADMINS, LOG_LEVEL: "silent" });
  const clock = new ManualClock(time.at(TODAY, "09:00"));
  const app = await createApp({ config, clock, transport: { send: async () => undefined, sendFile: async () => undefined }, log: pino({ level: "silent" }) });
  try {
    const counted = counting(app.store);
    const scheduler = new Scheduler({ ...app, store: counted.store, calendar: new WorkingCalendar(), onEnqueued: () => app.sender.notify() });
    const reset = async () => {
      await app.store.jobRun.deleteMany();
      await app.store.outbox.deleteMany();
      await app.store.meta.deleteMany();
      await app.store.supervisionNotice.updateMany({ data: { sentOn: null } });
    };
    await reset();
    const notices0 = await app.store.supervisionNotice.count();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 2);
    const ms: number[] = [];
    let queries = 0;
    let messages = 0;
    let issued = 0;
    for (let run = 0; run < runs; run++) {
      if (run > 0) await reset();
      const q0 = counted.count();
      const t = performance.now();
      const outcome = await scheduler.runJob(job, TODAY);
      ms.push(performance.now() - t);
      sample();
      if (outcome !== "ran") throw new Error(`${job}: ${outcome}`);
      queries = counted.count() - q0;
      messages = await app.store.outbox.count();
      if (run === 0) issued = (await app.store.supervisionNotice.count()) - notices0;
    }
    clearInterval(sampler);
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    const delivered = await app.store.supervisionNotice.count({ where: { sentOn: TODAY } });
    // The rest of the morning, for the size of the fan-out only.
    if (fanout) for (const other of ["digest", "reminders", "ranking", "reviews"] as const satisfies JobName[]) await scheduler.runJob(other, TODAY);
    return {
      job,
      ms,
      queries,
      messages,
      issued,
      delivered,
      fanout: fanout ? await app.store.outbox.count() : 0,
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

interface Case {
  /** The day's first lights run (issues the 督办单) and a second one (finds them issued). */
  lights: Measured;
  lightsAgain: Measured;
  digest: Measured;
  reminders: Measured;
  milestones: number;
}

/**
 * Fills a ledger in one child, then measures each job in a child of its own, in the
 * morning's order (lights before the digest and the reminders): each peak RSS is that job's.
 */
function runCase(issues: number): Case {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-bench-schedule-"));
  try {
    const file = path.join(dir, "bench.db");
    child(["--populate", file, String(issues)]);
    const one = (job: Timed, runs: number, fanout = false) => JSON.parse(child(["--measure", file, job, String(runs), fanout ? "fanout" : ""])) as Measured;
    const lights = one("lights", 1);
    const lightsAgain = one("lights", 1);
    const digest = one("digest", RUNS);
    const reminders = one("reminders", RUNS, true);
    const db = new Database(file, { readonly: true });
    const milestones = (db.prepare(`SELECT COUNT(*) AS n FROM "Milestone"`).get() as { n: number }).n;
    db.close();
    return { lights, lightsAgain, digest, reminders, milestones };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSchedule(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  let last: Measured | undefined;
  const queries: string[] = [];
  for (const issues of [10_000, 100_000]) {
    const { lights, lightsAgain, digest, reminders, milestones } = runCase(issues);
    const k = `${issues / 1000}k`;
    out[`${k} issues / ${UNITS} units (${milestones.toLocaleString("en")} milestones): lights (issuing ${lights.issued} 督办单), ms`] = r1(lights.ms[0]!);
    out[`${k}: lights again (${lightsAgain.issued} issued), ms`] = r1(lightsAgain.ms[0]!);
    out[`${k}: lights + digest + reminders, first runs, ms`] = r1(lights.ms[0]! + digest.ms[0]! + reminders.ms[0]!);
    out[`${k}: digest + reminders, first run, ms`] = r1(digest.ms[0]! + reminders.ms[0]!);
    out[`${k}: digest + reminders, steady state (median of runs 2-${RUNS}), ms`] = r1(median(digest.ms.slice(1)) + median(reminders.ms.slice(1)));
    out[`${k}: digest ms (first / steady)`] = `${r1(digest.ms[0]!)} / ${r1(median(digest.ms.slice(1)))}`;
    out[`${k}: reminders ms (first / steady), delivering ${reminders.delivered} 督办单`] = `${r1(reminders.ms[0]!)} / ${r1(median(reminders.ms.slice(1)))}`;
    const q = `${lights.queries} / ${lightsAgain.queries} + ${digest.queries} + ${reminders.queries}`;
    queries.push(q);
    out[`${k}: store queries (lights / again + digest + reminders)`] = q;
    out[`${k}: messages enqueued (digest + reminders)`] = `${digest.messages} + ${reminders.messages}`;
    out[`${k}: RSS before the job, MB`] = r1(reminders.baselineRssMB);
    out[`${k}: peak RSS sampled, MB (lights / again / digest / reminders)`] = [lights, lightsAgain, digest, reminders].map((m) => r1(m.peakRssMB)).join(" / ");
    out[`${k}: process max RSS, MB (lights / again / digest / reminders)`] = [lights, lightsAgain, digest, reminders].map((m) => r1(m.maxRssMB)).join(" / ");
    last = reminders;
  }
  out["store queries the same at 10k and 100k"] = queries.every((q) => q === queries[0]) ? "yes" : `NO (${queries.join(" vs ")})`;
  // The sender waits the interval plus a uniform jitter in [0, jitter) between messages.
  const perMessageMs = last!.intervalMs + last!.jitterMs / 2;
  out["morning fan-out at 100k (digest, reminders, ranking, reviews), messages"] = last!.fanout;
  out["pacing per message, ms (DUBAN_SEND_INTERVAL_MS + mean jitter)"] = perMessageMs;
  out["delivering the fan-out takes, minutes"] = r1((last!.fanout * perMessageMs) / 60_000);
  out.targets = "10k ≤ 500 ms, 100k ≤ 5000 ms, peak RSS ≤ 300 MB";
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, file, arg, runs, fanout] = process.argv.slice(2);
  if (mode === "--populate") populate(file!, Number(arg));
  else if (mode === "--measure") process.stdout.write(JSON.stringify(await measure(file!, arg as Timed, Number(runs), fanout === "fanout")));
  else for (const [k, v] of Object.entries(await benchSchedule())) console.log(`${k}: ${v}`);
}
