import path from "node:path";
import pino from "pino";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app/create-app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemClock } from "../../src/core/clock.ts";
import type { Scheduler } from "../../src/schedule/scheduler.ts";
import { at, seedLedger, tempDir } from "./helpers.ts";
import { testDatabaseUrl } from "../support/test-database.ts";

const { dir, cleanup } = tempDir("cron");
afterAll(cleanup);
let app: App | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  await app?.close();
  vi.useRealTimers();
});

async function start(now: string, file: string): Promise<void> {
  // Only timers and Date: the store's promises must still resolve.
  vi.useFakeTimers({ now: at(now), toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  const config = loadConfig({ DUBAN_ADMINS: "王科长", DUBAN_DIGEST_FORMAT: "text", DUBAN_DATA_DIR: dir, DATABASE_URL: testDatabaseUrl(path.join(dir, file)) });
  app = await createApp({ config, clock: systemClock, transport: { send: async () => undefined, sendFile: async () => undefined }, log: pino({ level: "silent" }) });
  await seedLedger(app.store);
  scheduler = app.scheduler;
}

describe("startCron (node-cron on fake timers)", () => {
  it("fires each job at its time in DUBAN_TZ", async () => {
    // Over an hour before the first job: nothing but the cron tick can wake it.
    await start("2026-12-07 07:00", "a.db");
    scheduler!.startCron();
    await vi.advanceTimersByTimeAsync(89 * 60_000 + 55_000); // 08:29:55
    await scheduler!.idle();
    expect(await app!.store.outbox.count()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000); // 08:30:05
    await scheduler!.idle();
    expect(await app!.store.outbox.findMany({ select: { key: true } })).toEqual([{ key: "job:digest:2026-12-07:r-leaders@chatroom" }]);
    await vi.advanceTimersByTimeAsync(30 * 60_000); // 09:00:05
    await scheduler!.stop();
    expect((await app!.store.jobRun.findMany()).map((r) => r.job).sort()).toEqual(["digest", "lights", "ranking", "reminders", "reviews"]);
    expect(await app!.store.outbox.count()).toBe(1 + 3 + 1 + 1);
  });

  it("catches up on start with what was missed today", async () => {
    await start("2026-12-07 10:00", "b.db");
    scheduler!.startCron();
    await scheduler!.stop();
    expect(await app!.store.outbox.count()).toBe(1 + 3 + 1 + 1);
  });
});
