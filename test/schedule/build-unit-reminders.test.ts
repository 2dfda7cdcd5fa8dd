import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/zoned-time.ts";
import { REPLY_HINT, buildUnitReminders, dueLabel, type ReminderOptions } from "../../src/schedule/build-unit-reminders.ts";
import type { ReminderIssue } from "../../src/schedule/job-snapshots.ts";
import { WorkingCalendar } from "../../src/schedule/working-calendar.ts";
import { at, zt } from "./helpers.ts";

const calendar = new WorkingCalendar();
const today = "2026-12-07";
const opts: ReminderOptions = {
  today,
  dueSoonDays: 3,
  staleDays: 7,
  escalateDays: 7,
  staleBefore: zt.at(addDays(today, 1 - 7)),
  dayOf: (d) => zt.today(d),
  workdaysLeft: (a, b) => calendar.workdaysLeft(a, b),
  isWorkday: (d) => calendar.isWorkday(d),
};

function issue(code: string, unitId: number, deadline: string, over: Partial<ReminderIssue> = {}): ReminderIssue {
  return { code, description: `${code}描述`, unitId, state: "IN_PROGRESS", deadline, lastReportAt: at("2026-12-06 10:00"), createdAt: at("2026-11-01 10:00"), ...over };
}

const units = [
  { id: 1, name: "区水利局" },
  { id: 2, name: "百胜镇人民政府" },
  { id: 3, name: "区城管局" },
];

describe("buildUnitReminders", () => {
  it("lists overdue (督办 when long overdue), due soon and stale issues, each once, in one message per unit", () => {
    const out = buildUnitReminders(
      units,
      [
        issue("W-2", 1, "2026-12-04", { state: "NOT_STARTED", lastReportAt: null }),
        issue("W-1", 1, "2026-11-30"),
        issue("W-3", 1, "2026-12-09"),
        issue("W-4", 1, "2026-12-31", { lastReportAt: at("2026-11-30 23:59") }),
        issue("W-5", 1, "2026-12-31", { lastReportAt: null }),
        issue("W-6", 1, "2026-12-31", { lastReportAt: at("2026-12-01 00:00") }), // 6 days: not stale yet
        issue("W-7", 1, "2026-11-01", { state: "PENDING_VERIFICATION" }), // the unit is waiting on staff
        issue("C-1", 3, "2026-12-31"),
      ],
      opts,
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ unitId: 1, overdue: 2, dueSoon: 1, stale: 2, escalated: 1 });
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
  });

  it("says nothing to a unit with nothing to say", () => {
    expect(buildUnitReminders(units, [issue("C-1", 3, "2026-12-31"), issue("B-1", 2, "2026-12-31", { state: "CLOSED", lastReportAt: null })], opts)).toEqual([]);
  });

  it("caps each section and points to the full list", () => {
    const many = Array.from({ length: 25 }, (_, i) => issue(`X-${String(i).padStart(2, "0")}`, 2, "2026-11-20"));
    const [r] = buildUnitReminders(units, many, opts);
    expect(r!.text.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(10);
    expect(r!.text).toContain("……另有 15 个，发送“清单”查看全部");
    expect(r!.text.length).toBeLessThan(1500);
  });

  it("says due-today and no-working-day-left plainly", () => {
    expect(dueLabel({ deadline: today }, opts)).toBe("今天到期");
    expect(dueLabel({ deadline: "2026-12-06" }, { ...opts, today: "2026-12-04" })).toBe("12月6日到期，今天是最后一个工作日");
    expect(dueLabel({ deadline: "2026-10-04" }, { ...opts, today: "2026-10-02" })).toBe("10月4日到期，到期前没有工作日");
    expect(dueLabel({ deadline: "2026-10-09" }, { ...opts, today: "2026-09-30" })).toBe("10月9日到期，剩2个工作日");
  });
});
