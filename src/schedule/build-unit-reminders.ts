import { daysBetween, type Day } from "../core/zoned-time.ts";
import { daysOverdue, isOpen } from "../domain/issue-state.ts";
import { deadlineLabel, shortText } from "../format/issue-status.ts";
import { dayHeading } from "./day-heading.ts";
import type { ReminderIssue, UnitRow } from "./job-snapshots.ts";

export interface ReminderOptions {
  today: Day;
  dueSoonDays: number;
  staleDays: number;
  escalateDays: number;
  /** Last report (or creation) before this instant = stale: the start, in DUBAN_TZ, of today − staleDays + 1. */
  staleBefore: Date;
  /** An instant's day in DUBAN_TZ, for `上次报送11月20日`. */
  dayOf: (at: Date) => Day;
  workdaysLeft: (today: Day, deadline: Day) => number;
  isWorkday: (day: Day) => boolean;
}

export interface UnitReminder {
  unitId: number;
  unitName: string;
  text: string;
  overdue: number;
  dueSoon: number;
  stale: number;
  escalated: number;
}

export const REPLY_HINT = "回复：进度 <编号> <说明>，或 <编号> 已完成";

/** Lines per section: beyond that the unit asks for its full list; one message, not five. */
const SECTION_LIMIT = 10;

function section<T>(title: string, items: T[], line: (t: T, n: number) => string, start: number): string[] {
  if (items.length === 0) return [];
  const lines = [`${title} ${items.length} 个：`, ...items.slice(0, SECTION_LIMIT).map((t, i) => line(t, start + i))];
  if (items.length > SECTION_LIMIT) lines.push(`……另有 ${items.length - SECTION_LIMIT} 个，发送“清单”查看全部`);
  return lines;
}

/**
 * Pure: each unit's morning reminder — overdue, due soon, and stale open issues, each
 * issue once (in the first of those that applies), escalations marked 【督办】.
 * Units with nothing to say are left out: no message is better than an empty one.
 */
export function buildUnitReminders(units: UnitRow[], issues: ReminderIssue[], o: ReminderOptions): UnitReminder[] {
  const { today } = o;
  const staleMs = o.staleBefore.getTime();
  const byUnit = new Map<number, { overdue: ReminderIssue[]; dueSoon: ReminderIssue[]; stale: ReminderIssue[] }>();
  for (const i of issues) {
    if (!isOpen(i.state)) continue;
    const left = daysBetween(today, i.deadline);
    const kind = left < 0 ? "overdue" : left <= o.dueSoonDays ? "dueSoon" : ((i.lastReportAt ?? i.createdAt).getTime() < staleMs ? "stale" : null);
    if (!kind) continue;
    let u = byUnit.get(i.unitId);
    if (!u) byUnit.set(i.unitId, (u = { overdue: [], dueSoon: [], stale: [] }));
    u[kind].push(i);
  }
  const byCode = (a: ReminderIssue, b: ReminderIssue) => a.code.localeCompare(b.code);
  const out: UnitReminder[] = [];
  for (const unit of [...units].sort((a, b) => a.id - b.id)) {
    const u = byUnit.get(unit.id);
    if (!u) continue;
    u.overdue.sort((a, b) => a.deadline.localeCompare(b.deadline) || byCode(a, b));
    u.dueSoon.sort((a, b) => a.deadline.localeCompare(b.deadline) || byCode(a, b));
    const reportedAt = (i: ReminderIssue) => (i.lastReportAt ?? i.createdAt).getTime();
    u.stale.sort((a, b) => reportedAt(a) - reportedAt(b) || byCode(a, b));
    const escalated = u.overdue.filter((i) => daysOverdue(i, today) >= o.escalateDays).length;

    const desc = (i: ReminderIssue) => `${i.code} ${shortText(i.description, 16)}`;
    const lines = [`【整改提醒】${unit.name} ${dayHeading(today)}`];
    let n = 1;
    const overdueLines = section(`逾期`, u.overdue, (i, k) => {
      const days = daysOverdue(i, today);
      return `${k}. ${days >= o.escalateDays ? "【督办】" : ""}${desc(i)}｜逾期${days}天`;
    }, n);
    n += Math.min(u.overdue.length, SECTION_LIMIT);
    const soonLines = section(o.dueSoonDays === 0 ? "今天到期" : `${o.dueSoonDays}日内到期`, u.dueSoon, (i, k) => `${k}. ${desc(i)}｜${dueLabel(i, o)}`, n);
    n += Math.min(u.dueSoon.length, SECTION_LIMIT);
    const staleLines = section(`${o.staleDays}天以上未报进度`, u.stale, (i, k) => {
      const last = i.lastReportAt ? `上次报送${deadlineLabel(o.dayOf(i.lastReportAt), today)}` : "尚未报送进度";
      return `${k}. ${desc(i)}｜${last}`;
    }, n);
    lines.push(...overdueLines, ...soonLines, ...staleLines, REPLY_HINT);
    out.push({
      unitId: unit.id,
      unitName: unit.name,
      text: lines.join("\n"),
      overdue: u.overdue.length,
      dueSoon: u.dueSoon.length,
      stale: u.stale.length,
      escalated,
    });
  }
  return out;
}

/** `今天到期` / `12月3日到期，剩2个工作日` / `12月6日到期，今天是最后一个工作日`. */
export function dueLabel(i: { deadline: Day }, o: Pick<ReminderOptions, "today" | "workdaysLeft" | "isWorkday">): string {
  if (i.deadline === o.today) return "今天到期";
  const left = o.workdaysLeft(o.today, i.deadline);
  const note = left > 0 ? `剩${left}个工作日` : o.isWorkday(o.today) ? "今天是最后一个工作日" : "到期前没有工作日";
  return `${deadlineLabel(i.deadline, o.today)}到期，${note}`;
}
