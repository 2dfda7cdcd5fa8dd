import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/open-store.ts";
import { loadDueReviews, loadReminderSnapshot } from "../../src/schedule/job-snapshots.ts";
import { addIssues, addUnit, at, bindRoom, tempDir, zt } from "./helpers.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { lightRules } from "../../src/store/light-sql.ts";
import path from "node:path";
import { testDatabaseUrl } from "../support/test-database.ts";

const { dir, cleanup } = tempDir("snapshots");
// Monday 2026-12-07 with the default rules: due soon to 12-10, stale before 12-01 (long-term
// 11-08), a daily project's report due by the end of Friday 12-04.
const RULES = lightRules(loadConfig({}), zt, "2026-12-07", "2026-12-04");
let store: Store;
let water: number;
let town: number;
beforeAll(async () => {
  store = await openStore(testDatabaseUrl(path.join(dir, "s.db")));
  water = await addUnit(store, "区水利局");
  town = await addUnit(store, "百胜镇人民政府");
  const loose = await addUnit(store, "无群单位");
  await bindRoom(store, "r-water@chatroom", "区水利局工作群", water);
  await bindRoom(store, "r-town@chatroom", "百胜镇群", town);
  await bindRoom(store, "r-leaders@chatroom", "领导群", null);
  const fresh = "2026-12-06 10:00";
  await addIssues(store, [
    // Sections by deadline; today 2026-12-07, due soon up to 12-10.
    { code: "O-2", unitId: water, deadline: "2026-12-06", lastReportAt: fresh },
    { code: "O-1", unitId: water, deadline: "2026-11-01", state: "NOT_STARTED" },
    { code: "S-0", unitId: water, deadline: "2026-12-07", lastReportAt: fresh },
    { code: "S-3", unitId: water, deadline: "2026-12-10", lastReportAt: fresh },
    { code: "F-4", unitId: water, deadline: "2026-12-11", lastReportAt: fresh }, // not due soon, fresh: nothing to say
    // Staleness: the last report day at least 7 days back (12-01 or earlier, DUBAN_TZ).
    { code: "T-7", unitId: water, deadline: "2026-12-31", lastReportAt: "2026-11-30 23:59" },
    { code: "T-6", unitId: water, deadline: "2026-12-31", lastReportAt: "2026-12-01 00:00" },
    { code: "T-N", unitId: water, deadline: "2026-12-31", createdAt: "2026-11-20 09:00" }, // never reported
    { code: "T-C", unitId: water, deadline: "2026-12-31", createdAt: "2026-12-05 09:00" }, // new, never reported: not yet
    // Not the unit's move, or no room to tell.
    { code: "P-1", unitId: water, deadline: "2026-11-01", state: "PENDING_VERIFICATION" },
    { code: "C-1", unitId: water, deadline: "2026-11-01", state: "CLOSED", closedAt: "2026-11-01 10:00", reviewDue: "2026-12-07" },
    { code: "L-1", unitId: loose, deadline: "2026-11-01" },
    // Many overdue in one unit: only the first few come back, with the count.
    ...Array.from({ length: 12 }, (_, i) => ({ code: `M-${String(i).padStart(2, "0")}`, unitId: town, deadline: `2026-11-${String(10 + i).padStart(2, "0")}` })),
  ]);
});
afterAll(async () => {
  await store.$disconnect();
  cleanup();
});

describe("loadReminderSnapshot", () => {
  it("sorts open issues of bound units into overdue, due soon and stale, in display order", async () => {
    const s = await loadReminderSnapshot(store, { rules: RULES, ackBefore: "2026-12-07", limit: 5, noticeLimit: 5 });
    expect(s.rooms.map((r) => r.topic)).toEqual(["区水利局工作群", "百胜镇群"]);
    const rows = s.issues.map((i) => `${i.unitId === water ? "W" : "T"} ${i.section} ${i.code} ${i.total}`);
    expect(rows).toEqual([
      "W overdue O-1 2",
      "W overdue O-2 2",
      "W dueSoon S-0 2",
      "W dueSoon S-3 2",
      "W stale T-N 2",
      "W stale T-7 2",
      "T overdue M-00 12",
      "T overdue M-01 12",
      "T overdue M-02 12",
      "T overdue M-03 12",
      "T overdue M-04 12",
    ]);
    const t7 = s.issues.find((i) => i.code === "T-7")!;
    expect(t7.lastReportAt).toEqual(at("2026-11-30 23:59"));
    expect(t7.description).toBe("T-7 问题描述");
    expect(s.issues.find((i) => i.code === "T-N")!.lastReportAt).toBeNull();
  });

  it("loads no issues when no unit has a room", async () => {
    await store.roomBinding.updateMany({ where: { kind: "UNIT" }, data: { kind: "LEADERS", unitId: null } });
    try {
      expect((await loadReminderSnapshot(store, { rules: RULES, ackBefore: "2026-12-07", limit: 5, noticeLimit: 5 })).issues).toEqual([]);
    } finally {
      await store.roomBinding.update({ where: { roomId: "r-water@chatroom" }, data: { kind: "UNIT", unitId: water } });
      await store.roomBinding.update({ where: { roomId: "r-town@chatroom" }, data: { kind: "UNIT", unitId: town } });
    }
  });
});

describe("loadDueReviews", () => {
  it("lists closed issues whose review is due, with their unit", async () => {
    expect(await loadDueReviews(store, "2026-12-06")).toEqual([]);
    expect(await loadDueReviews(store, "2026-12-07")).toEqual([{ code: "C-1", description: "C-1 问题描述", unitName: "区水利局", reviewDue: "2026-12-07" }]);
  });
});
