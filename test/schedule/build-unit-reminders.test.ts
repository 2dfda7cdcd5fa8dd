import { describe, expect, it } from "vitest";
import { REPLY_HINT, buildUnitReminders, dueLabel, type ReminderOptions } from "../../src/schedule/build-unit-reminders.ts";
import type { ReminderIssue } from "../../src/schedule/job-snapshots.ts";
import { WorkingCalendar } from "../../src/domain/working-calendar.ts";
import { at, zt } from "./helpers.ts";

const calendar = new WorkingCalendar();
const today = "2026-12-07";
const opts: ReminderOptions = {
  today,
  dueSoonDays: 3,
  staleDays: 7,
  escalateDays: 7,
  dayOf: (d) => zt.today(d),
  workdaysLeft: (a, b) => calendar.workdaysLeft(a, b),
  isWorkday: (d) => calendar.isWorkday(d),
};

function issue(code: string, unitId: number, section: ReminderIssue["section"], deadline: string, over: Partial<ReminderIssue> = {}): ReminderIssue {
  return { code, description: `${code}描述`, unitId, section, total: 1, deadline, lastReportAt: at("2026-12-06 10:00"), assignedOn: null, daily: false, missed: null, expectedPct: null, progressPct: null, lagging: false, stale: false, ...over };
}

const units = [
  { id: 1, name: "区水利局" },
  { id: 2, name: "百胜镇人民政府" },
  { id: 3, name: "区城管局" },
];

describe("buildUnitReminders", () => {
  it("writes one message per unit: overdue (督办 when long overdue), due soon, stale, and how to reply", () => {
    const out = buildUnitReminders(
      units,
      [
        issue("W-1", 1, "overdue", "2026-11-30", { total: 2 }),
        issue("W-2", 1, "overdue", "2026-12-04", { total: 2, lastReportAt: null }),
        issue("W-3", 1, "dueSoon", "2026-12-09"),
        issue("W-5", 1, "stale", "2026-12-31", { total: 2, lastReportAt: null }),
        issue("W-4", 1, "stale", "2026-12-31", { total: 2, lastReportAt: at("2026-11-30 23:59") }),
        issue("B-1", 2, "dueSoon", today),
      ],
      [],
      opts,
    );
    expect(out.map((r) => [r.unitName, r.overdue, r.dueSoon, r.stale])).toEqual([
      ["区水利局", 2, 1, 2],
      ["百胜镇人民政府", 0, 1, 0],
    ]);
    expect(out[0]!.text).toBe(
      [
        "【整改提醒】区水利局 12月7日（周一）",
        "逾期 2 个：",
        "1. 【督办】W-1 W-1描述｜逾期7天",
        "2. W-2 W-2描述｜逾期3天",
        "3日内到期 1 个：",
        "3. W-3 W-3描述｜12月9日到期，剩2个工作日",
        "7天以上未报进度 2 个：",
        "4. W-5 W-5描述｜尚未报送进度",
        "5. W-4 W-4描述｜上次报送11月30日",
        REPLY_HINT,
      ].join("\n"),
    );
    expect(out[1]!.text).toBe(["【整改提醒】百胜镇人民政府 12月7日（周一）", "3日内到期 1 个：", "1. B-1 B-1描述｜今天到期", REPLY_HINT].join("\n"));
  });

  it("lists lagging issues with why, after those due soon and before the stale ones", () => {
    const [r] = buildUnitReminders(
      units,
      [
        issue("L-1", 1, "lagging", "2026-12-31", { missed: { seq: 2, due: "2026-12-05", text: "安装调试" } }),
        issue("L-2", 1, "lagging", "2026-12-31", { lagging: true, expectedPct: 42, progressPct: 20 }),
        issue("T-1", 1, "stale", "2026-12-31", { lastReportAt: null }),
      ],
      [],
      opts,
    );
    expect(r!.text.split("\n").slice(1, 6)).toEqual([
      "进度滞后 2 个：",
      "1. L-1 L-1描述｜节点2“安装调试”12月5日逾期",
      "2. L-2 L-2描述｜序时进度 42%，报送 20%，滞后 22 个百分点",
      "7天以上未报进度 1 个：",
      "3. T-1 T-1描述｜尚未报送进度",
    ]);
  });

  it("says nothing to a unit with nothing to say", () => {
    expect(buildUnitReminders(units, [], [], opts)).toEqual([]);
  });

  it("counts what it does not list and points to the full list", () => {
    const ten = Array.from({ length: 10 }, (_, i) => issue(`X-${i}`, 2, "overdue", "2026-11-20", { total: 25 }));
    const [r] = buildUnitReminders(units, ten, [], opts);
    expect(r!.overdue).toBe(25);
    expect(r!.text.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(10);
    expect(r!.text).toContain("逾期 25 个：");
    expect(r!.text).toContain("……另有 15 个，发送“清单”查看全部");
    expect(r!.text.length).toBeLessThan(1500);
  });

  it("titles a zero-day due-soon window as due today", () => {
    const [r] = buildUnitReminders(units, [issue("B-1", 2, "dueSoon", today)], [], { ...opts, dueSoonDays: 0 });
    expect(r!.text).toContain("今天到期 1 个：");
  });

  it("says due-today and no-working-day-left plainly", () => {
    expect(dueLabel({ deadline: today }, opts)).toBe("今天到期");
    expect(dueLabel({ deadline: "2026-12-06" }, { ...opts, today: "2026-12-04" })).toBe("12月6日到期，今天是最后一个工作日");
    expect(dueLabel({ deadline: "2026-10-04" }, { ...opts, today: "2026-10-02" })).toBe("10月4日到期，到期前没有工作日");
    expect(dueLabel({ deadline: "2026-10-09" }, { ...opts, today: "2026-09-30" })).toBe("10月9日到期，剩2个工作日");
  });
});
