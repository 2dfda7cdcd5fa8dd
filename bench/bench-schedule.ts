// Times the scheduled morning jobs on a big ledger: the day's lights (which issue the
// 督办单), the leaders' digest and every unit's reminder (which delivers the 督办单), each
// the whole job run (claim, load snapshot, build, enqueue or write, mark finished), for
// 10,000 issues over 300 units (target ≤ 500 ms) and 100,000 issues (target ≤ 5 s, peak
// RSS ≤ 300 MB), counting store queries; then what the morning fan-out costs at the
// configured send pacing. The ledger has what lights look at: reported percentages, 交办
// dates, daily projects and three milestones (节点) on every other issue.
// Each ledger is filled by one child process and each measurement runs in another, so the
// peak RSS is the job's own and not what filling the database left behind. Either store: a
// SQLite file filled by better-sqlite3, or a PostgreSQL schema filled by pg's multi-row
// INSERTs.
// Run: npx tsx bench/bench-schedule.ts [sqlite|postgresql]
import { spawnSync } from "node:child_process";
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
import { openStore, type Store } from "../src/store/open-store.ts";
import type { JobName } from "../src/schedule/job-times.ts";
import { Scheduler } from "../src/schedule/scheduler.ts";
import { WorkingCalendar } from "../src/domain/working-calendar.ts";
import { databaseTarget } from "../src/store/database-url.ts";
import { benchStore, rawPostgres, sqliteFile, type StoreKind } from "./bench-store.ts";
import { catchStatements, replayStatements } from "./replay-statements.ts";

const UNITS = 300;
export const TODAY = "2026-12-07"; // a Monday: the weekly ranking runs too
export const ADMINS = "王科长,李主任";
/** Runs of each job: the first pays for compiling its queries, the rest show the steady state. */
const RUNS = 3;
const time = new ZonedTime("Asia/Shanghai");
const SELF = fileURLToPath(import.meta.url);

type Timed = "lights" | "digest" | "reminders";

/** Prisma's own DateTime text in SQLite, so its comparisons on these columns hold; PostgreSQL reads it as a timestamptz. */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** An integer hash: states and dates spread evenly over units, and every run gets the same ledger. */
function mix(i: number): number {
  let h = Math.imul(i ^ (i >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

type Cell = string | number | boolean | null;
/** A table's rows to insert, each column with its PostgreSQL type (for the arrays it is sent in). */
interface Rows {
  table: string;
  columns: [name: string, type: "int" | "text" | "timestamptz" | "bool"][];
  rows: Cell[][];
}

/** The bench's ledger, the same for both stores: units and their groups, issues, reports since yesterday, 节点. */
function ledgerRows(issues: number): Rows[] {
  const created = iso(time.at("2026-09-01", "10:00"));
  const morning = time.at(TODAY, "08:00").getTime();
  const unit: Rows = { table: "Unit", columns: [["id", "int"], ["name", "text"], ["createdAt", "timestamptz"]], rows: [] };
  const room: Rows = {
    table: "RoomBinding",
    columns: [["roomId", "text"], ["topic", "text"], ["kind", "text"], ["unitId", "int"], ["boundBy", "text"], ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"]],
    rows: [],
  };
  for (let u = 1; u <= UNITS; u++) {
    unit.rows.push([u, `测试单位${u}`, created]);
    room.rows.push([`unit${u}@chatroom`, `测试单位${u}工作群`, "UNIT", u, "王科长", created, created]);
  }
  room.rows.push(["leaders@chatroom", "领导群", "LEADERS", null, "王科长", created, created]);
  const issue: Rows = {
    table: "Issue",
    columns: [
      ["id", "int"], ["code", "text"], ["description", "text"], ["unitId", "int"], ["deadline", "text"], ["state", "text"], ["lastReportAt", "timestamptz"],
      ["lastReportText", "text"], ["claimedAt", "timestamptz"], ["closedAt", "timestamptz"], ["reviewDue", "text"], ["progressPct", "int"], ["assignedOn", "text"],
      ["dailyReport", "bool"], ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"],
    ],
    rows: [],
  };
  const event: Rows = {
    table: "IssueEvent",
    columns: [["issueId", "int"], ["type", "text"], ["actorId", "text"], ["actorName", "text"], ["text", "text"], ["at", "timestamptz"]],
    rows: [],
  };
  const milestone: Rows = { table: "Milestone", columns: [["issueId", "int"], ["seq", "int"], ["due", "text"], ["text", "text"], ["doneAt", "timestamptz"]], rows: [] };
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
    const daily = draw(i, 5, 50) === 0;
    const description = `第${i}号问题：某处污水直排、异味扰民，群众反映强烈，需限期整改`;
    issue.rows.push([i, `ZG-2026-${String(i).padStart(6, "0")}`, description, (i % UNITS) + 1, deadline, state, reported, reported ? "已完成管网铺设" : null, claimed, closed, reviewDue, progress, assignedOn, daily, created, created]);
    // Since yesterday's digest: a report on one issue in twenty.
    if (i % 20 === 0) event.rows.push([i, "PROGRESS", "bench", "联络员", "已完成管网铺设", iso(new Date(morning - (i % 86_400_000)))]);
    // Every other issue has three 节点, 45, 30 and 15 days (give or take) before its
    // deadline: some before today, some after. Three in four of those already due are done
    // (the rest are missed), one in five of those still to come.
    if (i % 2 === 0) {
      for (let seq = 1; seq <= 3; seq++) {
        const due = addDays(deadline, -15 * (4 - seq) - draw(i, 5 + seq, 7));
        const done = draw(i, 8 + seq, 20) < (due < TODAY ? 15 : 4);
        const doneOn = addDays(due < TODAY ? due : TODAY, -1 - draw(i, 11 + seq, 3));
        milestone.rows.push([i, seq, due, `第${seq}阶段：管网铺设`, done ? iso(time.at(doneOn, "17:00")) : null]);
      }
    }
  }
  return [unit, room, issue, event, milestone];
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/** better-sqlite3 prepared statements in one transaction. */
function fillSqlite(file: string, tables: Rows[]): void {
  applyMigrations(file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.transaction(() => {
    for (const t of tables) {
      const insert = db.prepare(`INSERT INTO "${t.table}" (${quoted(t.columns.map((c) => c[0]))}) VALUES (${t.columns.map(() => "?").join(", ")})`);
      for (const row of t.rows) insert.run(row.map((v) => (typeof v === "boolean" ? Number(v) : v)));
    }
  })();
  db.close();
}

/**
 * pg, in one transaction: each table in INSERTs of 20,000 rows sent as one array per column
 * (unnest), then the id sequences moved past the ids given, as Prisma's inserts expect.
 */
async function fillPostgres(url: string, tables: Rows[]): Promise<void> {
  await (await openStore(url)).$disconnect(); // the schema, migrated
  const db = await rawPostgres(url);
  try {
    await db.query("BEGIN");
    for (const t of tables) {
      const sql = `INSERT INTO "${t.table}" (${quoted(t.columns.map((c) => c[0]))}) SELECT * FROM unnest(${t.columns.map(([, type], k) => `$${k + 1}::${type}[]`).join(", ")})`;
      for (let from = 0; from < t.rows.length; from += 20_000) {
        const batch = t.rows.slice(from, from + 20_000);
        await db.query(sql, t.columns.map((_, k) => batch.map((row) => row[k])));
      }
      if (t.columns.some(([name]) => name === "id")) await db.query(`SELECT setval(pg_get_serial_sequence('"${t.table}"', 'id'), (SELECT max(id) FROM "${t.table}"))`);
    }
    await db.query("COMMIT");
  } finally {
    await db.end();
  }
}

/** Fills a fresh store with raw inserts (Prisma would take minutes for 100,000 rows); returns how many 节点 it has. */
export async function populate(kind: StoreKind, url: string, issues: number): Promise<number> {
  const tables = ledgerRows(issues);
  if (kind === "sqlite") fillSqlite(sqliteFile(url), tables);
  else await fillPostgres(url, tables);
  return tables.find((t) => t.table === "Milestone")!.rows.length;
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
  /** The last run's statements sent again through the raw driver (digest and reminders), ms. */
  floorMs: number | null;
}

/**
 * In a measuring child: one job, `runs` times, on an already filled database. The lights
 * job runs once per child: its run writes the 督办单 the next one then finds issued. Every
 * reminders run delivers the same 督办单 again: each starts with them undelivered.
 */
async function measure(url: string, dir: string, job: Timed, runs: number, fanout: boolean): Promise<Measured> {
  // The digest's reads and text, as its targets were set; its pictures are bench-pictures.ts's.
  const config = loadConfig({ DATABASE_URL: url, DUBAN_DATA_DIR: dir, DUBAN_DIGEST_FORMAT: "text", DUBAN_ADMINS: ADMINS, LOG_LEVEL: "silent" });
  const clock = new ManualClock(time.at(TODAY, "09:00"));
  const kind = databaseTarget(url).kind;
  const sent = catchStatements(kind);
  // Only errors are kept: why a job failed, should one fail.
  const errors: string[] = [];
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push((JSON.parse(line) as { err?: { message?: string } }).err?.message ?? line) });
  const app = await createApp({ config, clock, transport: { send: async () => undefined, sendFile: async () => undefined }, log });
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
    let statements: ReturnType<typeof sent.take> = [];
    let queries = 0;
    let messages = 0;
    let issued = 0;
    for (let run = 0; run < runs; run++) {
      if (run > 0) await reset();
      const q0 = counted.count();
      sent.take();
      const t = performance.now();
      const outcome = await scheduler.runJob(job, TODAY);
      ms.push(performance.now() - t);
      statements = sent.take();
      sample();
      if (outcome !== "ran") throw new Error(`${job} ${outcome} on run ${run + 1}: ${errors.at(-1) ?? "no error logged"}`);
      queries = counted.count() - q0;
      messages = await app.store.outbox.count();
      if (run === 0) issued = (await app.store.supervisionNotice.count()) - notices0;
    }
    clearInterval(sampler);
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    const delivered = await app.store.supervisionNotice.count({ where: { sentOn: TODAY } });
    // The floor, from the state the last run started from. The lights' statements issue the
    // 督办单 a reset keeps, so they are not sent again.
    let floorMs: number | null = null;
    if (job !== "lights") {
      await reset();
      floorMs = await replayStatements(kind, url, statements);
      await reset();
    }
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
      floorMs,
    };
  } finally {
    await app.close();
  }
}

function child(args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", SELF, ...args], { cwd: path.resolve(path.dirname(SELF), ".."), encoding: "utf8", maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(r.stderr.match(/^Error: .*$/m)?.[0].slice("Error: ".length) ?? `bench child ${args.join(" ")} failed:\n${r.stderr}`);
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
async function runCase(kind: StoreKind, issues: number): Promise<Case> {
  const store = await benchStore(kind);
  try {
    const milestones = Number(child(["--populate", kind, store.url, String(issues)]));
    const one = (job: Timed, runs: number, fanout = false) => JSON.parse(child(["--measure", store.url, store.dir, job, String(runs), fanout ? "fanout" : ""])) as Measured;
    const lights = one("lights", 1);
    const lightsAgain = one("lights", 1);
    const digest = one("digest", RUNS);
    const reminders = one("reminders", RUNS, true);
    return { lights, lightsAgain, digest, reminders, milestones };
  } finally {
    await store.drop();
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Figure {
  label: string;
  value: number | string;
  target?: string;
  ok?: boolean;
}

const TARGET_MS: Record<number, number> = { 10_000: 500, 100_000: 5000 };

export async function benchSchedule(kind: StoreKind): Promise<Figure[]> {
  const out: Figure[] = [];
  const put = (label: string, value: number | string, target?: string, ok?: boolean) => out.push({ label, value, target, ok });
  let last: (Measured & { size: string }) | undefined;
  const queries: string[] = [];
  for (const issues of [10_000, 100_000]) {
    const k = `${issues / 1000}k`;
    let measured: Case;
    try {
      measured = await runCase(kind, issues);
    } catch (err) {
      // The other size still runs: a failure here is a figure too.
      put(`${k} issues: FAILED`, err instanceof Error ? err.message.split("\n")[0]! : String(err), "every job runs", false);
      continue;
    }
    const { lights, lightsAgain, digest, reminders, milestones } = measured;
    put(`${k} issues / ${UNITS} units (${milestones.toLocaleString("en")} milestones): lights (issuing ${lights.issued} 督办单), ms`, r1(lights.ms[0]!));
    put(`${k}: lights again (${lightsAgain.issued} issued), ms`, r1(lightsAgain.ms[0]!));
    put(`${k}: lights + digest + reminders, first runs, ms`, r1(lights.ms[0]! + digest.ms[0]! + reminders.ms[0]!));
    const first = digest.ms[0]! + reminders.ms[0]!;
    put(`${k}: digest + reminders, first run, ms`, r1(first), `≤ ${TARGET_MS[issues]}`, first <= TARGET_MS[issues]!);
    const steady = median(digest.ms.slice(1)) + median(reminders.ms.slice(1));
    put(`${k}: digest + reminders, steady state (median of runs 2-${RUNS}), ms`, r1(steady), `≤ ${TARGET_MS[issues]}`, steady <= TARGET_MS[issues]!);
    const floor = digest.floorMs! + reminders.floorMs!;
    put(`${k}: raw ${kind === "sqlite" ? "better-sqlite3" : "pg"} floor, the last run's statements sent again, ms`, r1(floor));
    put(`${k}: digest + reminders (steady) / floor`, `${(steady / floor).toFixed(1)}x`);
    put(`${k}: digest ms (first / steady)`, `${r1(digest.ms[0]!)} / ${r1(median(digest.ms.slice(1)))}`);
    put(`${k}: reminders ms (first / steady), delivering ${reminders.delivered} 督办单`, `${r1(reminders.ms[0]!)} / ${r1(median(reminders.ms.slice(1)))}`);
    const q = `${lights.queries} / ${lightsAgain.queries} + ${digest.queries} + ${reminders.queries}`;
    queries.push(q);
    put(`${k}: store queries (lights / again + digest + reminders)`, q);
    put(`${k}: messages enqueued (digest + reminders)`, `${digest.messages} + ${reminders.messages}`);
    put(`${k}: RSS before the job, MB`, r1(reminders.baselineRssMB));
    put(`${k}: peak RSS sampled, MB (lights / again / digest / reminders)`, [lights, lightsAgain, digest, reminders].map((m) => r1(m.peakRssMB)).join(" / "));
    const rss = Math.max(digest.maxRssMB, reminders.maxRssMB);
    const rssTarget = issues === 100_000 ? { target: "≤ 300 (digest, reminders)", ok: rss <= 300 } : {};
    put(`${k}: process max RSS, MB (lights / again / digest / reminders)`, [lights, lightsAgain, digest, reminders].map((m) => r1(m.maxRssMB)).join(" / "), rssTarget.target, rssTarget.ok);
    last = { ...reminders, size: k };
  }
  if (queries.length > 1) put("store queries the same at 10k and 100k", queries.every((q) => q === queries[0]) ? "yes" : `NO (${queries.join(" vs ")})`);
  if (!last) return out;
  // The sender waits the interval plus a uniform jitter in [0, jitter) between messages.
  const perMessageMs = last.intervalMs + last.jitterMs / 2;
  put(`morning fan-out at ${last.size} (digest, reminders, ranking, reviews), messages`, last.fanout);
  put("pacing per message, ms (DUBAN_SEND_INTERVAL_MS + mean jitter)", perMessageMs);
  put("delivering the fan-out takes, minutes", r1((last.fanout * perMessageMs) / 60_000));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [mode, ...a] = process.argv.slice(2);
  if (mode === "--populate") process.stdout.write(String(await populate(a[0] as StoreKind, a[1]!, Number(a[2]))));
  else if (mode === "--measure") process.stdout.write(JSON.stringify(await measure(a[0]!, a[1]!, a[2] as Timed, Number(a[3]), a[4] === "fanout")));
  else for (const f of await benchSchedule((mode as StoreKind | undefined) ?? "sqlite")) console.log(`${f.label}: ${f.value}${f.target ? ` (target ${f.target})` : ""}`);
}
