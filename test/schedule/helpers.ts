import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createApp, type App } from "../../src/app/create-app.ts";
import type { OutgoingFile, Target } from "../../src/outbox/outgoing.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { ZonedTime } from "../../src/core/zoned-time.ts";
import { createScheduler, type Scheduler, type SchedulerOptions } from "../../src/schedule/scheduler.ts";
import type { Store } from "../../src/store/open-store.ts";
import { testDatabaseUrl } from "../support/test-database.ts";

export const zt = new ZonedTime("Asia/Shanghai");

/** `2026-12-07 08:30` in Asia/Shanghai, whatever the process's zone. */
export function at(local: string): Date {
  const d = zt.parseLocal(local);
  if (!d) throw new Error(`bad time ${local}`);
  return d;
}

export interface Sent {
  at: string;
  to: string;
  text: string;
}

export interface TestApp {
  app: App;
  clock: ManualClock;
  sent: Sent[];
  dbFile: string;
  /** Delivers everything queued; the clock stays put (no pacing in tests). */
  flush(): Promise<Sent[]>;
  close(): Promise<void>;
}

/** Another scheduler on an app's store, besides app.scheduler: a second instance, or one after a restart. */
export function newScheduler(app: App, o: SchedulerOptions = {}): Scheduler {
  return createScheduler({ ...app, onEnqueued: () => app.sender.notify() }, o);
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `duban-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real app on a SQLite file, a manual clock and a transport that records what it sends. */
export async function testApp(dbFile: string, start: Date, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    DUBAN_ADMINS: "王科长,李主任",
    DUBAN_SEND_INTERVAL_MS: "0",
    DUBAN_SEND_JITTER_MS: "0",
    // The digest's text is what most tests read; the pictures have tests of their own.
    DUBAN_DIGEST_FORMAT: "text",
    DUBAN_DATA_DIR: path.dirname(dbFile),
    ...env,
    DATABASE_URL: testDatabaseUrl(dbFile),
  });
  const clock = new ManualClock(start);
  const sent: Sent[] = [];
  const transport = {
    async send(target: Target, text: string) {
      sent.push({ at: zt.minute(clock.now()), to: target.kind === "room" ? target.name : `@${target.id}`, text });
    },
    async sendFile(target: Target, f: OutgoingFile) {
      await this.send(target, f.name);
    },
  };
  const app = await createApp({ config, clock, transport, log: pino({ level: "silent" }) });
  return {
    app,
    clock,
    sent,
    dbFile,
    async flush() {
      const before = sent.length;
      for (let i = 0; i < 10_000 && (await app.sender.sendOne()); i++);
      return sent.slice(before);
    },
    close: () => app.close(),
  };
}

export async function addUnit(db: Store, name: string): Promise<number> {
  return (await db.unit.create({ data: { name, createdAt: at("2026-10-01 09:00") } })).id;
}

export async function bindRoom(db: Store, roomId: string, topic: string, unitId: number | null): Promise<void> {
  const t = at("2026-10-01 09:00");
  await db.roomBinding.create({ data: { roomId, topic, kind: unitId === null ? "LEADERS" : "UNIT", unitId, boundBy: "王科长", createdAt: t, updatedAt: t } });
}

export interface IssueSpec {
  code: string;
  unitId: number;
  /** null: a long-term issue (长期坚持). */
  deadline: string | null;
  state?: string;
  description?: string;
  source?: string;
  assignedOn?: string;
  ackPending?: boolean;
  lastReportAt?: string;
  createdAt?: string;
  claimedAt?: string;
  closedAt?: string;
  reviewDue?: string;
}

export async function addIssues(db: Store, specs: IssueSpec[]): Promise<void> {
  const d = (s: string | undefined) => (s ? at(s) : null);
  await db.issue.createMany({
    data: specs.map((s) => ({
      code: s.code,
      description: s.description ?? `${s.code} 问题描述`,
      unitId: s.unitId,
      deadline: s.deadline,
      state: s.state ?? "IN_PROGRESS",
      lastReportAt: d(s.lastReportAt),
      createdAt: d(s.createdAt) ?? at("2026-11-01 10:00"),
      updatedAt: at("2026-11-01 10:00"),
      claimedAt: d(s.claimedAt),
      closedAt: d(s.closedAt),
      reviewDue: s.reviewDue ?? null,
      source: s.source ?? "",
      assignedOn: s.assignedOn ?? null,
      ackPending: s.ackPending ?? false,
    })),
  });
}

/**
 * The hand-made ledger most scheduler tests use, seen on Monday 2026-12-07
 * (due soon = 3 days, stale = 7 days, escalate = 7 days).
 */
export async function seedLedger(db: Store): Promise<void> {
  const water = await addUnit(db, "区水利局");
  const town = await addUnit(db, "百胜镇人民政府");
  const city = await addUnit(db, "区城管局");
  const street = await addUnit(db, "李渡街道办事处");
  await bindRoom(db, "r-water@chatroom", "区水利局工作群", water);
  await bindRoom(db, "r-water2@chatroom", "水利局专班群", water);
  await bindRoom(db, "r-town@chatroom", "百胜镇群", town);
  await bindRoom(db, "r-city@chatroom", "城管局群", city);
  await bindRoom(db, "r-leaders@chatroom", "领导群", null);
  await addIssues(db, [
    { code: "W-1", unitId: water, deadline: "2026-11-25", lastReportAt: "2026-12-05 10:00", description: "乡镇污水处理站运行不正常出水超标" },
    { code: "W-2", unitId: water, deadline: "2026-12-04", state: "NOT_STARTED" },
    { code: "W-3", unitId: water, deadline: "2026-12-09", lastReportAt: "2026-12-06 10:00" },
    { code: "W-4", unitId: water, deadline: "2026-12-31", lastReportAt: "2026-11-28 10:00" },
    { code: "W-5", unitId: water, deadline: "2026-12-31", state: "NOT_STARTED" },
    { code: "W-6", unitId: water, deadline: "2026-11-20", state: "CLOSED", claimedAt: "2026-11-19 16:00", closedAt: "2026-11-22 10:00", reviewDue: "2026-12-07" },
    { code: "W-7", unitId: water, deadline: "2026-12-31", lastReportAt: "2026-12-06 18:00" },
    { code: "B-1", unitId: town, deadline: "2026-12-10", lastReportAt: "2026-12-06 09:00" },
    { code: "B-2", unitId: town, deadline: "2026-11-30", state: "PENDING_VERIFICATION", claimedAt: "2026-12-01 09:00", lastReportAt: "2026-12-01 09:00" },
    { code: "B-3", unitId: town, deadline: "2026-11-15", state: "CLOSED", closedAt: "2026-11-10 15:00", reviewDue: "2026-12-01" },
    { code: "C-1", unitId: city, deadline: "2026-12-31", lastReportAt: "2026-12-06 11:00" },
    { code: "C-2", unitId: city, deadline: "2026-11-01", state: "CLOSED", claimedAt: "2026-10-30 10:00", closedAt: "2026-10-31 10:00" },
    { code: "L-1", unitId: street, deadline: "2026-11-01", state: "NOT_STARTED" },
  ]);
}
