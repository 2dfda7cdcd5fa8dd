import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/zoned-time.ts";
import type { RankingIssue } from "../../src/ranking/ranking-snapshot.ts";
import { scoreUnits, type RankingOptions } from "../../src/ranking/score-units.ts";
import { buildRanking } from "../../src/schedule/build-ranking.ts";
import { WorkingCalendar } from "../../src/domain/working-calendar.ts";
import { addIssues, addUnit, at, bindRoom, tempDir, testApp, zt, type TestApp } from "./helpers.ts";

const { dir, cleanup } = tempDir("intake-schedule");
afterAll(cleanup);

describe("未签收 starts on the first working day after the 交办", () => {
  const calendar = new WorkingCalendar();
  it.each([
    ["2026-12-07", "2026-12-07"], // a Monday: assigned before today
    ["2026-12-05", "2026-12-04"], // a Saturday: a Friday assignment is not due before Monday
    ["2026-12-06", "2026-12-04"],
    ["2026-10-08", "2026-10-08"], // the first working day after 国庆
    ["2026-10-07", "2026-09-30"],
  ])("on %s, assignments before %s are 未签收", (today, before) => {
    expect(calendar.ackDueBefore(today)).toBe(before);
  });
});

describe("a Monday's jobs with assignments, long-term and central issues (2026-12-07)", () => {
  let t: TestApp;
  let sent: { at: string; to: string; text: string }[];
  beforeAll(async () => {
    t = await testApp(path.join(dir, "jobs.db"), at("2026-12-07 08:00"));
    const db = t.app.store;
    const water = await addUnit(db, "区水利局");
    const town = await addUnit(db, "百胜镇人民政府");
    const city = await addUnit(db, "区城管局");
    await bindRoom(db, "r-water@chatroom", "区水利局工作群", water);
    await bindRoom(db, "r-town@chatroom", "百胜镇群", town);
    await bindRoom(db, "r-leaders@chatroom", "领导群", null);
    const fresh = "2026-12-06 10:00";
    await addIssues(db, [
      { code: "DB-2026-001", unitId: water, deadline: "2026-12-31", state: "NOT_STARTED", source: "交办", assignedOn: "2026-12-04", ackPending: true, createdAt: "2026-12-04 15:00" },
      { code: "DB-2026-002", unitId: water, deadline: "2026-12-31", state: "NOT_STARTED", source: "交办", assignedOn: "2026-12-07", ackPending: true, createdAt: "2026-12-07 07:50" },
      { code: "DB-2026-003", unitId: water, deadline: "2026-12-31", state: "NOT_STARTED", source: "交办", assignedOn: "2026-12-03", createdAt: "2026-12-03 15:00", lastReportAt: fresh },
      { code: "DB-2026-004", unitId: town, deadline: null, state: "NOT_STARTED", source: "交办", assignedOn: "2026-12-01", ackPending: true, createdAt: "2026-12-01 15:00" },
      { code: "L-1", unitId: water, deadline: null, lastReportAt: "2026-11-20 10:00" },
      { code: "L-2", unitId: water, deadline: null, lastReportAt: "2026-11-01 10:00" },
      { code: "W-9", unitId: water, deadline: "2026-11-20", source: "暗访", lastReportAt: fresh },
      { code: "Z-1", unitId: water, deadline: "2026-12-01", source: "中央生态环境保护督察组交办", lastReportAt: fresh },
      { code: "C-5", unitId: city, deadline: "2026-11-30", source: "群众投诉", lastReportAt: fresh },
      { code: "H-1", unitId: city, deadline: "2026-12-31", source: "中办回访", lastReportAt: fresh },
    ]);
    const s = t.app.scheduler;
    t.clock.set(at("2026-12-07 09:00"));
    await s.runDue();
    sent = await t.flush();
  });
  afterAll(() => t?.close());

  const to = (name: string) => sent.filter((m) => m.to === name).map((m) => m.text);

  it("lists the unacknowledged assignment first in the unit's reminder, and a long-term issue only after 30 days without a report", () => {
    expect(to("区水利局工作群")).toEqual([
      [
        "【整改提醒】区水利局 12月7日（周一）",
        "【红色督办单】督〔2026〕2号 W-9 W-9 问题描述｜逾期17天",
        "【红色督办单】督〔2026〕3号 Z-1 Z-1 问题描述｜逾期6天",
        "【黄色督办单】督〔2026〕4号 L-2 L-2 问题描述｜11月1日以来未报送进度",
        "请按督办单要求抓紧整改，按时报送进度。",
        "交办未签收 1 个：",
        "1. DB-2026-001 DB-2026-001 问题描述｜12月4日交办，12月31日到期",
        "逾期 2 个：",
        "2. 【督办】W-9 W-9 问题描述｜逾期17天",
        "3. Z-1 Z-1 问题描述｜逾期6天",
        // A long-term issue's report period is 30 days, not 7: the heading does not say 7天.
        "未按时报进度 1 个：",
        "4. L-2 L-2 问题描述｜长期坚持，上次报送11月1日",
        "签收请回复：签收 <编号>",
        "回复：进度 <编号> <说明>，或 <编号> 已完成",
      ].join("\n"),
    ]);
  });

  it("a unit whose only news is an unacknowledged assignment still gets its reminder", () => {
    expect(to("百胜镇群")).toEqual([
      [
        "【整改提醒】百胜镇人民政府 12月7日（周一）",
        "交办未签收 1 个：",
        "1. DB-2026-004 DB-2026-004 问题描述｜12月1日交办，长期坚持",
        "签收请回复：签收 <编号>",
        "回复：进度 <编号> <说明>，或 <编号> 已完成",
      ].join("\n"),
    ]);
  });

  it("the digest: 中字头 count on top, long-term apart, 中字头 first in the lists, 未签收 by unit", () => {
    const [digest] = to("领导群").filter((x) => x.startsWith("【整改日报】"));
    const lines = digest!.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "【整改日报】12月7日（周一）",
      "【中字头】中央环保督察及回访问题在办 2 个，其中逾期 1 个。",
      "共 10 个：未开始 4，整改中 6，待核实 0，已销号 0；逾期 3 个；长期坚持 3 个（不计逾期）。",
    ]);
    expect(lines).toContain("· 区水利局 2 个：Z-1【中央环保督察】 逾期6天，W-9 逾期17天");
    expect(lines.indexOf("· 区水利局 2 个：Z-1【中央环保督察】 逾期6天，W-9 逾期17天")).toBeLessThan(lines.indexOf("· 区城管局 1 个：C-5 逾期7天"));
    expect(digest).toContain("交办未签收 2 个：\n· 区水利局 1 个\n· 百胜镇人民政府 1 个");
  });
});

describe("the ranking counts 自查 to the unit's credit only", () => {
  const today = "2026-12-07";
  const opts: RankingOptions = { today, staleDays: 7, reportedSince: zt.at(addDays(today, -6)), dayStart: (d) => zt.at(d), addDays };
  const units = [
    { id: 1, name: "甲单位" },
    { id: 2, name: "乙单位" },
  ];
  const issue = (unitId: number, deadline: string, o: Partial<RankingIssue> = {}): RankingIssue => ({
    unitId,
    deadline,
    state: "IN_PROGRESS",
    lastReportAt: at("2026-12-06 10:00"),
    claimedAt: null,
    closedAt: null,
    source: "",
    ...o,
  });
  const base = [
    issue(1, "2026-11-30", { state: "CLOSED", claimedAt: at("2026-11-29 10:00"), closedAt: at("2026-11-30 10:00") }),
    issue(1, "2026-11-20"),
    issue(2, "2026-11-30", { state: "CLOSED", claimedAt: at("2026-11-29 10:00"), closedAt: at("2026-11-30 10:00") }),
    issue(2, "2026-11-20"),
  ];

  it("an open, overdue or late 自查 issue lowers nothing; one done on time raises the rate; more 自查 wins a tie", () => {
    const plain = scoreUnits({ units, notices: [], lights: [], issues: base }, opts);
    const selfFound = [
      issue(1, "2026-11-25", { source: "自查" }), // overdue
      issue(1, "2026-12-31", { source: "自查", lastReportAt: null }), // open, never reported
      issue(1, "2026-11-10", { source: "自查", state: "PENDING_VERIFICATION", claimedAt: at("2026-11-15 10:00") }), // late
    ];
    const withSelf = scoreUnits({ units, notices: [], lights: [], issues: [...base, ...selfFound] }, opts);
    const a = withSelf.find((s) => s.unitName === "甲单位")!;
    const plainA = plain.find((s) => s.unitName === "甲单位")!;
    expect([a.onTimeRate, a.overdue, a.responseRate]).toEqual([plainA.onTimeRate, plainA.overdue, plainA.responseRate]);
    expect(a.selfFound).toBe(3);
    // Otherwise equal to 乙单位, 甲单位's 自查 puts it first.
    expect(withSelf.map((s) => s.unitName)).toEqual(["甲单位", "乙单位"]);
    const onTime = scoreUnits({ units, notices: [], lights: [], issues: [...base, issue(1, "2026-12-01", { source: "自查", state: "CLOSED", claimedAt: at("2026-11-28 10:00"), closedAt: at("2026-12-01 10:00") })] }, opts);
    expect(onTime.find((s) => s.unitName === "甲单位")!.onTimeRate).toBeCloseTo(2 / 3);
    const text = buildRanking(withSelf, opts)!;
    expect(text).toContain("1. 甲单位｜按期率50%（1/2），逾期1个，响应率100%（1/1），自查3个");
    expect(text).toContain("自查＝累计自查发现问题数，只加分不减分");
  });
});
