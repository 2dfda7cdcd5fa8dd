import { spawn, spawnSync } from "node:child_process";
import { hostname } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { LeaseLostError, claimJobRun, finishJobRun } from "../../src/schedule/claim-job-run.ts";
import { at, newScheduler, seedLedger, tempDir, testApp, type TestApp } from "./helpers.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "scheduler-process.ts");
const { dir, cleanup } = tempDir("idempotency");
afterAll(cleanup);
let n = 0;
const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

/** `count` apps (think: processes) on one database file, the ledger seeded once. */
async function apps(count: number, start: string): Promise<TestApp[]> {
  const file = path.join(dir, `i${++n}.db`);
  const list: TestApp[] = [];
  for (let i = 0; i < count; i++) list.push(await testApp(file, at(start)));
  open.push(...list);
  await seedLedger(list[0]!.app.store);
  return list;
}

/** A scheduler in a child process on the same database file (see fixtures/scheduler-process.ts). */
function schedulerProcess(dbFile: string, local: string) {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, dbFile, local], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const next = lines[Symbol.asyncIterator]();
  const line = async () => {
    const r = await next.next();
    if (r.done) throw new Error("scheduler process ended early");
    return r.value;
  };
  const ready = line().then((l) => expect(l).toBe("ready"));
  const result = ready.then(async () => JSON.parse(await line()) as { ran: boolean; owner: string });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return { ready, go: () => child.stdin!.write("go\n"), result: result.then(async (r) => (await exited, r)) };
}

const digests = async (t: TestApp) => t.app.store.outbox.count({ where: { key: { startsWith: "job:digest:" } } });

describe("idempotency", () => {
  it("two scheduler instances on one database send one digest", async () => {
    const [a, b] = await apps(2, "2026-12-07 08:30");
    const sa = a!.app.scheduler;
    const sb = b!.app.scheduler;
    expect(sa.owner).not.toBe(sb.owner);
    expect(await sa.runDue()).toBe(true);
    expect(await sb.runDue()).toBe(false);
    expect(await digests(a!)).toBe(1);
    expect(b!.app.time.minute((await sb.nextDueAt())!)).toBe("2026-12-07 09:00");
    const sent = [...(await a!.flush()), ...(await b!.flush())];
    expect(sent.map((m) => m.to)).toEqual(["领导群"]);
  });

  it("three scheduler processes ticking at the same moment still send one of each", async () => {
    const [t] = await apps(1, "2026-12-07 09:00");
    const procs = [0, 1, 2].map(() => schedulerProcess(t!.dbFile, "2026-12-07 09:00"));
    await Promise.all(procs.map((p) => p.ready));
    procs.forEach((p) => p.go()); // a barrier, not a sleep: all three start together
    const results = await Promise.all(procs.map((p) => p.result));
    expect(results.some((r) => r.ran)).toBe(true);
    expect(new Set(results.map((r) => r.owner)).size).toBe(3);
    expect(await t!.app.store.outbox.count()).toBe(7); // 1 digest + 3 reminders + 1 ranking + 2 reviews
    const runs = await t!.app.store.jobRun.findMany();
    expect(runs.map((r) => r.job).sort()).toEqual(["digest", "lights", "ranking", "reminders", "reviews"]);
    expect(runs.every((r) => r.finishedAt !== null)).toBe(true);
  });

  it("a run left unfinished by a crash is taken over when its lease expires, and sent once", async () => {
    const [t] = await apps(1, "2026-12-07 08:30");
    // The previous process claimed the digest at 08:30 and died before committing anything.
    await t!.app.store.jobRun.create({
      data: { key: "digest:2026-12-07", job: "digest", day: "2026-12-07", owner: "dead-host:1", startedAt: at("2026-12-07 08:30"), leaseUntil: at("2026-12-07 08:35") },
    });
    t!.clock.set(at("2026-12-07 08:31"));
    const s = t!.app.scheduler;
    await s.runDue(); // the day's lights run; the digest's lease still runs
    expect((await t!.app.store.jobRun.findUniqueOrThrow({ where: { key: "digest:2026-12-07" } })).owner).toBe("dead-host:1");
    expect(await s.runDue()).toBe(false);
    expect(t!.app.time.minute((await s.nextDueAt())!)).toBe("2026-12-07 08:35");
    t!.clock.set(at("2026-12-07 08:35"));
    expect(await s.runDue()).toBe(true);
    expect(await s.runDue()).toBe(false);
    const run = await t!.app.store.jobRun.findUniqueOrThrow({ where: { key: "digest:2026-12-07" } });
    expect(run.owner).toBe(s.owner);
    expect(run.finishedAt).toEqual(at("2026-12-07 08:35"));
    expect((await t!.flush()).map((m) => m.to)).toEqual(["领导群"]);
  });

  it("a run left by a process of this machine that died is taken over at once, without waiting out its lease", async () => {
    const [t] = await apps(1, "2026-12-07 08:31");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const lease = { job: "digest", day: "2026-12-07", startedAt: at("2026-12-07 08:30"), leaseUntil: at("2026-12-07 08:35") };
    await t!.app.store.jobRun.createMany({
      data: [
        { key: "digest:2026-12-07", owner: `${hostname()}:${dead}:abcd1234`, ...lease },
        // Alive, or on another machine: only the lease tells.
        { key: "ranking:2026-12-07", owner: `${hostname()}:${process.pid}:abcd1234`, ...lease, job: "ranking" },
        { key: "reviews:2026-12-07", owner: `elsewhere:${dead}:abcd1234`, ...lease, job: "reviews" },
      ],
    });
    const s = t!.app.scheduler;
    await s.runDue();
    const runs = await t!.app.store.jobRun.findMany({ orderBy: { key: "asc" } });
    expect(runs.map((r) => [r.job, r.owner === s.owner, r.finishedAt !== null])).toEqual([
      ["digest", true, true],
      ["lights", true, true],
      ["ranking", false, false],
      ["reviews", false, false],
    ]);
  });

  it("a run that loses its lease to another instance rolls its messages back", async () => {
    const [a] = await apps(1, "2026-12-07 08:30");
    const db = a!.app.store;
    const claim = { key: "digest:2026-12-07", job: "digest", day: "2026-12-07", leaseMs: 60_000 };
    expect(await claimJobRun(db, { ...claim, owner: "slow", now: at("2026-12-07 08:30") })).toBe("claimed");
    expect(await claimJobRun(db, { ...claim, owner: "other", now: at("2026-12-07 08:30") })).toBe("busy");
    expect(await claimJobRun(db, { ...claim, owner: "other", now: at("2026-12-07 08:32") })).toBe("claimed");
    expect(await claimJobRun(db, { ...claim, owner: "third", now: at("2026-12-07 08:32") })).toBe("busy");
    const write = (owner: string) =>
      db.$transaction(async (tx) => {
        await finishJobRun(tx, claim.key, owner, at("2026-12-07 08:33"));
        await enqueue(tx, [{ key: `job:digest:2026-12-07:${owner}`, target: { kind: "room", id: "r", name: "领导群" }, text: "日报" }], at("2026-12-07 08:33"), 1500);
      });
    await expect(write("slow")).rejects.toBeInstanceOf(LeaseLostError);
    await write("other");
    expect((await db.outbox.findMany()).map((o) => o.key)).toEqual(["job:digest:2026-12-07:other"]);
    expect(await claimJobRun(db, { ...claim, owner: "third", now: at("2026-12-07 09:00") })).toBe("done");
  });

  it("a failed job is retried later the same day, and only sends once it succeeds", async () => {
    const [t] = await apps(1, "2026-12-07 08:30");
    const s = newScheduler(t!.app, { retryMs: 120_000 });
    // Break the digest's read: the Meta table briefly gone.
    await t!.app.store.$executeRawUnsafe(`ALTER TABLE "Meta" RENAME TO "Meta_gone"`);
    expect(await s.runDue()).toBe(true);
    expect(await digests(t!)).toBe(0);
    expect(t!.app.time.minute((await s.nextDueAt())!)).toBe("2026-12-07 08:32");
    await t!.app.store.$executeRawUnsafe(`ALTER TABLE "Meta_gone" RENAME TO "Meta"`);
    t!.clock.set(at("2026-12-07 08:32"));
    expect(await s.runDue()).toBe(true);
    expect(await digests(t!)).toBe(1);
  });
});
