import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { addIssues, addUnit, at, bindRoom, tempDir, testApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("fan-out");
afterAll(cleanup);

// The morning fan-out takes minutes at the safe pace: who reads first matters.
it("sends the morning's messages leaders' groups first, then the units with overdue issues, then the other units", async () => {
  const t = await testApp(path.join(dir, "f.db"), at("2026-12-07 08:00"));
  const [a, b, c] = [await addUnit(t.app.store, "甲单位"), await addUnit(t.app.store, "乙单位"), await addUnit(t.app.store, "丙单位")];
  // Bound in this order, and the leaders' group last: arrival alone would put it last.
  await bindRoom(t.app.store, "r-a@chatroom", "甲单位群", a);
  await bindRoom(t.app.store, "r-b@chatroom", "乙单位群", b);
  await bindRoom(t.app.store, "r-c@chatroom", "丙单位群", c);
  await bindRoom(t.app.store, "r-leaders@chatroom", "领导群", null);
  await addIssues(t.app.store, [
    { code: "A-1", unitId: a, deadline: "2026-12-09", lastReportAt: "2026-12-01 10:00" },
    { code: "B-1", unitId: b, deadline: "2026-11-30", lastReportAt: "2026-12-01 10:00" },
    { code: "C-1", unitId: c, deadline: "2026-12-08", state: "NOT_STARTED" },
  ]);
  // 09:00 with the 08:30 digest not yet sent: the reminders are enqueued with it.
  t.clock.set(at("2026-12-07 09:00"));
  expect(await t.app.scheduler.runDue()).toBe(true);
  const rooms = (await t.flush()).filter((m) => !m.to.startsWith("@")).map((m) => m.to);
  // The digest and, on a Monday, the weekly ranking.
  expect(rooms).toEqual(["领导群", "领导群", "乙单位群", "甲单位群", "丙单位群"]);
  await t.close();
});
