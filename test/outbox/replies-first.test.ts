import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { enqueue, PRIORITY } from "../../src/outbox/enqueue.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { TestBot } from "../support/test-app.ts";

const room = (name: string) => ({ kind: "room" as const, id: `${name}@chatroom`, name });

/** A ledger of `units` units, each with one overdue issue, and a group bound to each. */
async function cityWithUnits(t: TestBot, units: number): Promise<void> {
  const rows = ["编号,问题描述,责任单位,整改时限"];
  for (let i = 1; i <= units; i++) rows.push(`ZG-2026-${String(i).padStart(3, "0")},排口整治${i},单位${i},2026-11-20`);
  const file = path.join(t.dir, "city.csv");
  writeFileSync(file, rows.join("\n"));
  const r = await importLedgerFile(t.app.store, file, t.app.time, { actor: "test", now: t.clock.now() });
  if (!r.ok) throw new Error("ledger did not import");
  const unitRows = await t.app.store.unit.findMany({ select: { id: true, name: true } });
  await t.app.store.roomBinding.createMany({
    data: [
      ...unitRows.map((u) => ({ roomId: `${u.name}群@chatroom`, topic: `${u.name}群`, kind: "UNIT", unitId: u.id, boundBy: "test" })),
      { roomId: "领导群@chatroom", topic: "领导群", kind: "LEADERS", boundBy: "test" },
    ],
  });
  await t.app.pipeline.reloadDirectory();
}

/** Runs the sender on the virtual clock until `until`, one pacing step at a time. */
async function sendUntil(t: TestBot, until: Date): Promise<void> {
  for (;;) {
    const due = await t.app.sender.nextDueAt();
    if (!due || due > until) return;
    if (due > t.clock.now()) t.clock.set(due);
    await t.app.sender.sendOne();
  }
}

describe("replies first", () => {
  let t: TestBot;
  afterEach(async () => t.close());

  it("a query typed during a 300-unit morning fan-out is answered within one pacing interval", async () => {
    t = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "3000", DUBAN_SEND_JITTER_MS: "1000", DUBAN_ADMINS: "王科长" }, "2026-12-07T08:00:00+08:00");
    await cityWithUnits(t, 300);
    const scheduler = t.app.scheduler;
    t.clock.set(new Date("2026-12-07T09:00:00+08:00"));
    await scheduler.runDue();
    const queued = await t.app.store.outbox.count({ where: { status: "PENDING" } });
    expect(queued).toBeGreaterThanOrEqual(301); // a digest, 300 reminders (and the weekly ranking on a Monday)

    await sendUntil(t, new Date("2026-12-07T09:01:00+08:00"));
    const sentBefore = t.sent.length;
    expect(sentBefore).toBeGreaterThan(5);
    expect(sentBefore).toBeLessThan(queued);
    // The leaders' groups were served before any unit.
    const firstUnit = t.sent.findIndex((s) => s.to !== "领导群");
    expect(t.sent.slice(0, firstUnit).every((s) => s.to === "领导群")).toBe(true);
    expect(t.sent.slice(firstUnit).some((s) => s.to === "领导群")).toBe(false);

    const askedAt = t.clock.now();
    await t.app.pipeline.submit(t.message("张三", "单位7群", "查询 ZG-2026-007"));
    await sendUntil(t, new Date(askedAt.getTime() + 10_000));
    const reply = t.sent.find((s) => s.at >= askedAt && s.text.includes("ZG-2026-007") && s.to === "单位7群" && !s.text.includes("逾期问题"));
    expect(reply).toBeDefined();
    expect(reply!.at.getTime() - askedAt.getTime()).toBeLessThanOrEqual(4000); // interval + jitter
    // And nothing of the fan-out was lost: it carries on after the reply.
    await t.flush();
    expect(await t.app.store.outbox.count({ where: { status: { not: "SENT" } } })).toBe(0);
  });

  it("orders by priority, then by arrival; the parts of a long message stay together in order", async () => {
    t = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "0", DUBAN_MAX_MESSAGE_CHARS: "200" });
    const now = t.clock.now();
    const long = Array.from({ length: 30 }, (_, i) => `第${i}行 内容内容内容`).join("\n");
    await enqueue(t.app.store, [{ key: "p1", target: room("a"), text: "push 1" }], now, 200);
    await enqueue(t.app.store, [{ key: "l1", target: room("领导群"), text: "leaders", priority: PRIORITY.leaders }], now, 200);
    await enqueue(t.app.store, [{ key: "r1", target: room("b"), text: long, priority: PRIORITY.reply }], now, 200);
    await enqueue(t.app.store, [{ key: "p2", target: room("a"), text: "push 2" }], now, 200);
    await t.flush();
    const texts = t.sent.map((s) => s.text.split("\n")[0]);
    const parts = texts.filter((x) => x!.startsWith("第") || x!.startsWith("(续"));
    expect(texts.slice(0, parts.length)).toEqual(parts);
    expect(texts.slice(parts.length)).toEqual(["leaders", "push 1", "push 2"]);
  });
});

describe("paused while logged out", () => {
  let t: TestBot;
  afterEach(async () => t.close());

  it("sends nothing, counts no attempt and fails nothing while paused; resumes where it stopped", async () => {
    t = await TestBot.create({ DUBAN_SEND_INTERVAL_MS: "1000", DUBAN_SEND_MAX_ATTEMPTS: "2" });
    await enqueue(t.app.store, ["a", "b"].map((x) => ({ key: x, target: room("群"), text: x })), t.clock.now(), 1500);
    t.app.sender.pause();
    expect(await t.app.sender.nextDueAt()).toBeNull();
    t.clock.advance(3_600_000);
    expect(await t.app.sender.sendOne()).toBe(false);
    expect(t.sent).toHaveLength(0);
    const rows = await t.app.store.outbox.findMany();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["PENDING", 0],
      ["PENDING", 0],
    ]);
    t.app.sender.resume();
    await t.flush();
    expect(t.sent.map((s) => s.text)).toEqual(["a", "b"]);
  });
});
