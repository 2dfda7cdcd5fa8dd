import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { lightReasons } from "../../src/format/light-reason.ts";
import { lightRules, loadLit } from "../../src/store/light-sql.ts";
import { addIssues, addUnit, at, bindRoom, tempDir, testApp, zt, type IssueSpec, type TestApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("lights");
afterAll(cleanup);

let t: TestApp;
let n = 0;
let water: number;
beforeEach(async () => {
  t = await testApp(path.join(dir, `l${++n}.db`), at("2026-12-07 08:00"));
  water = await addUnit(t.app.store, "区水利局");
  await bindRoom(t.app.store, "r-water@chatroom", "区水利局工作群", water);
  await bindRoom(t.app.store, "r-leaders@chatroom", "领导群", null);
});
afterEach(() => t.close());

/** Each issue's light and reasons on `day`, as 查询 and every job see them. */
async function lights(day: string): Promise<Record<string, string>> {
  const { config, time, calendar } = t.app;
  const rules = lightRules(config, time, day, calendar.lastWorkdayBefore(day));
  const rows = await loadLit(t.app.store, rules, Prisma.sql`1 = 1`, Prisma.sql`ORDER BY l."code"`);
  return Object.fromEntries(rows.map((r) => [r.code, [r.light, ...lightReasons(r, day, (d) => zt.today(d))].join(" ")]));
}

const fresh = "2026-12-06 10:00";
const issue = (code: string, over: Partial<IssueSpec> = {}): IssueSpec => ({ code, unitId: water, deadline: "2026-12-31", lastReportAt: fresh, createdAt: "2026-12-01 09:00", ...over });

describe("the light of an open issue (DESIGN §4)", () => {
  it("is red when overdue, yellow when lagging or silent, blue when due soon, green otherwise; closed issues have none", async () => {
    const db = t.app.store;
    await addIssues(db, [
      issue("R-1", { deadline: "2026-12-06" }),
      issue("B-1", { deadline: "2026-12-10" }),
      issue("B-0", { deadline: "2026-12-07" }),
      issue("G-1"),
      // 交办 12-01, due 12-31: on 12-07, 6 of 31 days (19%) have passed.
      issue("P-ok", { assignedOn: "2026-12-01" }),
      issue("S-7", { lastReportAt: "2026-11-30 23:59" }),
      issue("S-never", { lastReportAt: undefined, createdAt: "2026-11-20 10:00" }),
      issue("L-29", { deadline: null, lastReportAt: "2026-11-08 10:00" }),
      issue("L-31", { deadline: null, lastReportAt: "2026-11-06 10:00" }),
      issue("D-col", { lastReportAt: "2026-12-03 18:00" }),
      issue("D-cat", { lastReportAt: "2026-12-03 23:00", source: "重点建设项目" }),
      issue("D-ok", { lastReportAt: "2026-12-04 00:00", source: "建设项目" }),
      issue("V-1", { deadline: "2026-11-01", state: "PENDING_VERIFICATION" }),
      issue("C-1", { deadline: "2026-11-01", state: "CLOSED" }),
    ]);
    await db.issue.update({ where: { code: "D-col" }, data: { dailyReport: true } });
    expect(await lights("2026-12-07")).toEqual({
      "B-0": "BLUE 今天到期",
      "B-1": "BLUE 12月10日到期",
      "D-cat": "YELLOW 应每日报送，12月3日以来未报送进度",
      "D-col": "YELLOW 应每日报送，12月3日以来未报送进度",
      // Monday: Friday's report is the last working day's.
      "D-ok": "GREEN",
      "G-1": "GREEN",
      "L-29": "GREEN",
      "L-31": "YELLOW 11月6日以来未报送进度",
      "P-ok": "GREEN",
      "R-1": "RED 逾期1天",
      "S-7": "YELLOW 11月30日以来未报送进度",
      "S-never": "YELLOW 尚未报送进度",
    });
  });

  it("is yellow when the reported percentage is DUBAN_LAG_POINTS behind 序时进度, from the 交办日期 or the day the issue entered the store", async () => {
    const db = t.app.store;
    // 12-01 … 12-31 is 31 days; on 12-14, 13 have passed: 序时进度 42%.
    await addIssues(db, [
      issue("A-22", { assignedOn: "2026-12-01", lastReportAt: "2026-12-13 10:00" }),
      issue("A-23", { assignedOn: "2026-12-01", lastReportAt: "2026-12-13 10:00" }),
      issue("A-none", { assignedOn: "2026-12-01", lastReportAt: "2026-12-13 10:00" }),
      // No 交办日期: the day it entered the store in DUBAN_TZ (12-01 00:30 here is 11-30 16:30 UTC).
      issue("C-tz", { createdAt: "2026-12-01 00:30", lastReportAt: "2026-12-13 10:00" }),
      issue("M-1", { assignedOn: "2026-12-01", lastReportAt: "2026-12-13 10:00" }),
    ]);
    const pct = (code: string, progressPct: number) => db.issue.update({ where: { code }, data: { progressPct } });
    await pct("A-22", 22);
    await pct("A-23", 23);
    await pct("C-tz", 22);
    await pct("M-1", 90);
    const id = (await db.issue.findUniqueOrThrow({ where: { code: "M-1" } })).id;
    await db.milestone.createMany({
      data: [
        { issueId: id, seq: 1, due: "2026-12-05", text: "完成设备采购", doneAt: at("2026-12-05 10:00") },
        { issueId: id, seq: 2, due: "2026-12-12", text: "安装调试" },
        { issueId: id, seq: 3, due: "2026-12-13", text: "试运行" },
        { issueId: id, seq: 4, due: "2026-12-20", text: "验收" },
      ],
    });
    expect(await lights("2026-12-14")).toEqual({
      "A-22": "YELLOW 序时进度 42%，报送 22%，滞后 20 个百分点",
      "A-23": "GREEN",
      // No percentage reported: judged on its reports alone.
      "A-none": "GREEN",
      "C-tz": "YELLOW 序时进度 42%，报送 22%，滞后 20 个百分点",
      // The first milestone missed is named; done ones and future ones are not.
      "M-1": "YELLOW 节点2“安装调试”12月12日逾期",
    });
    expect((await lights("2026-12-12"))["M-1"]).toBe("GREEN");
    // A long-term issue is judged on its report cadence alone, its plan notwithstanding.
    await db.issue.update({ where: { code: "M-1" }, data: { deadline: null } });
    expect((await lights("2026-12-14"))["M-1"]).toBe("GREEN");
  });

  it("follows DUBAN_LAG_POINTS and DUBAN_DUE_SOON_DAYS", async () => {
    await t.close();
    t = await testApp(path.join(dir, `l${++n}.db`), at("2026-12-07 08:00"), { DUBAN_LAG_POINTS: "10", DUBAN_DUE_SOON_DAYS: "0" });
    water = await addUnit(t.app.store, "区水利局");
    await addIssues(t.app.store, [issue("A-1", { assignedOn: "2026-12-01" }), issue("B-1", { deadline: "2026-12-08" })]);
    await t.app.store.issue.update({ where: { code: "A-1" }, data: { progressPct: 9 } });
    expect(await lights("2026-12-07")).toEqual({ "A-1": "YELLOW 序时进度 19%，报送 9%，滞后 10 个百分点", "B-1": "GREEN" });
  });
});

describe("督办单", () => {
  const register = async () =>
    (await t.app.store.supervisionNotice.findMany({ include: { issue: true }, orderBy: [{ year: "asc" }, { number: "asc" }] })).map(
      (x) => `${x.year}-${x.number} ${x.colour} ${x.issue.code} ${x.reason}${x.sentOn ? ` sent ${x.sentOn}` : ""}`,
    );

  it("is issued once per issue and colour, numbered on through the year, delivered once at the top of the reminder and, red, in the next digest", async () => {
    const db = t.app.store;
    await addIssues(db, [issue("R-1", { deadline: "2026-12-04" }), issue("B-1", { deadline: "2026-12-09" }), issue("G-1")]);
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    await s.runDue();
    const monday = await t.flush();
    expect(await register()).toEqual(["2026-1 RED R-1 逾期3天 sent 2026-12-07", "2026-2 BLUE B-1 12月9日到期 sent 2026-12-07"]);
    const reminder = monday.find((m) => m.to === "区水利局工作群")!.text.split("\n");
    expect(reminder.slice(0, 4)).toEqual([
      "【整改提醒】区水利局 12月7日（周一）",
      "【红色督办单】督〔2026〕1号 R-1 R-1 问题描述｜逾期3天",
      "【蓝色督办单】督〔2026〕2号 B-1 B-1 问题描述｜12月9日到期",
      "请按督办单要求抓紧整改，按时报送进度。",
    ]);
    expect(monday.find((m) => m.to === "领导群" && m.text.startsWith("【整改日报】"))!.text).toContain("新发红色督办单 1 份：\n· 督〔2026〕1号 R-1 区水利局｜逾期3天");
    const history = await db.issueEvent.findMany({ where: { issue: { code: "R-1" }, type: "NOTICE_ISSUED" } });
    expect(history.map((e) => [e.actorName, e.text])).toEqual([["督办助手", "督〔2026〕1号 红色督办单：逾期3天"]]);

    // Tuesday: nothing new is issued, the reminder no longer carries them, the digest no longer lists them.
    t.clock.set(at("2026-12-08 09:00"));
    await s.runDue();
    const tuesday = await t.flush();
    expect(await db.supervisionNotice.count()).toBe(2);
    expect(tuesday.find((m) => m.to === "区水利局工作群")!.text).not.toContain("督办单");
    expect(tuesday.find((m) => m.to === "领导群")!.text).not.toContain("新发红色督办单");

    // An extension turns R-1 green; overdue again, it gets no second red one. B-1 goes red: a new number.
    await db.issue.update({ where: { code: "R-1" }, data: { deadline: "2026-12-09" } });
    t.clock.set(at("2026-12-11 09:00"));
    await s.runDue();
    expect(await register()).toEqual([
      "2026-1 RED R-1 逾期3天 sent 2026-12-07",
      "2026-2 BLUE B-1 12月9日到期 sent 2026-12-07",
      "2026-3 RED B-1 逾期2天 sent 2026-12-11",
    ]);
  });

  it("lists five at the top of the reminder and counts the rest, all delivered at once", async () => {
    await addIssues(t.app.store, Array.from({ length: 7 }, (_, i) => issue(`R-${i + 1}`, { deadline: "2026-12-04" })));
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    await s.runDue();
    const reminder = (await t.flush()).find((m) => m.to === "区水利局工作群")!.text.split("\n");
    expect(reminder.filter((l) => l.startsWith("【红色督办单】"))).toHaveLength(5);
    expect(reminder).toContain("……另有督办单 2 份，发送“清单 红灯”“清单 黄灯”查看");
    expect(await t.app.store.supervisionNotice.count({ where: { sentOn: "2026-12-07" } })).toBe(7);
  });

  it("starts again at 1 in a new year, and stays undelivered for a unit without a group, which the digest tells once", async () => {
    const db = t.app.store;
    const town = await addUnit(db, "百胜镇人民政府");
    await addIssues(db, [issue("R-1", { deadline: "2026-12-04" }), issue("T-1", { unitId: town, deadline: "2026-12-04" })]);
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    await s.runDue();
    // No reminder carries it: the leaders' digest says so, once.
    const digest = (await t.flush()).find((m) => m.to === "领导群" && m.text.startsWith("【整改日报】"))!.text;
    expect(digest).toContain("督办单 1 份无法送达（单位未绑定工作群，请督查室绑定）：\n· 百胜镇人民政府 1 份\n");
    t.clock.set(at("2026-12-08 08:30"));
    await s.runDue();
    expect((await t.flush()).find((m) => m.to === "领导群")!.text).not.toContain("无法送达");
    await addIssues(db, [issue("N-1", { deadline: "2026-12-31", lastReportAt: "2027-01-04 09:00", createdAt: "2026-12-20 09:00" })]);
    t.clock.set(at("2027-01-05 09:00"));
    await s.runDue();
    expect(await register()).toEqual(["2026-1 RED R-1 逾期3天 sent 2026-12-07", "2026-2 RED T-1 逾期3天", "2027-1 RED N-1 逾期5天 sent 2027-01-05"]);
  });

  it("is shown on the 查询 card with today's light and why", async () => {
    await addIssues(t.app.store, [issue("R-1", { deadline: "2026-12-04" })]);
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    await s.runDue();
    await t.flush();
    await t.app.pipeline.submit({
      id: "q1",
      at: t.clock.now(),
      room: { id: "r-leaders@chatroom", topic: "领导群" },
      sender: { id: "王科长", name: "王科长", alias: "王科长" },
      text: "查询 R-1",
      mentionsBot: false,
    });
    const card = (await t.flush()).at(-1)!.text.split("\n");
    expect(card).toContain("亮灯：红灯（逾期3天）");
    expect(card).toContain("督办单：督〔2026〕1号（红）");
    // The notice has its own line: the recent reports stay reports.
    expect(card.filter((l) => l.includes("督〔2026〕1号"))).toHaveLength(1);
  });
});
