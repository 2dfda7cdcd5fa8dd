import { daysBetween, type Day } from "../core/zoned-time.ts";
import { deadlineLabel, shortText } from "../format/issue-status.ts";
import { noticeLabel, noticeNumber } from "../domain/light.ts";
import { lightReasons } from "../format/light-reason.ts";
import { dayHeading } from "../format/day-heading.ts";
import type { UnitRow } from "../ranking/ranking-snapshot.ts";
import type { PendingNotice, ReminderIssue, ReminderSectionName } from "./job-snapshots.ts";

export interface ReminderOptions {
  today: Day;
  dueSoonDays: number;
  staleDays: number;
  escalateDays: number;
  /** An instant's day in DUBAN_TZ, for `上次报送11月20日`. */
  dayOf: (at: Date) => Day;
  workdaysLeft: (today: Day, deadline: Day) => number;
  isWorkday: (day: Day) => boolean;
}

export interface UnitReminder {
  unitId: number;
  unitName: string;
  text: string;
  unacked: number;
  overdue: number;
  dueSoon: number;
  stale: number;
  /** The 督办单 this reminder delivers (listed or counted). */
  notices: number;
}

export const REPLY_HINT = "回复：进度 <编号> <说明>，或 <编号> 已完成";
export const ACK_HINT = "签收请回复：签收 <编号>";

/** Lines per section: beyond that the unit asks for its full list; one message, not five. */
export const SECTION_LIMIT = 10;

/** 督办单 listed at the top; the rest are counted. */
export const NOTICE_LIMIT = 5;

const ORDER: ReminderSectionName[] = ["unacked", "overdue", "dueSoon", "lagging", "stale"];

/**
 * Pure: each unit's morning reminder from the issues the snapshot sorted into sections
 * (未签收, overdue, due soon, stale; each in display order, with section totals), headed by
 * the 督办单 issued to it since its last reminder. Issues long overdue are marked 【督办】.
 * Units without issues or notices here are left out: no message is better than an empty one.
 */
export function buildUnitReminders(units: UnitRow[], issues: ReminderIssue[], notices: PendingNotice[], o: ReminderOptions): UnitReminder[] {
  const byUnit = new Map<number, Record<ReminderSectionName, ReminderIssue[]>>();
  for (const i of issues) {
    let u = byUnit.get(i.unitId);
    if (!u) byUnit.set(i.unitId, (u = { unacked: [], overdue: [], dueSoon: [], lagging: [], stale: [] }));
    u[i.section].push(i);
  }
  const noticesOf = new Map<number, PendingNotice[]>();
  for (const n of notices) {
    const list = noticesOf.get(n.unitId);
    if (list) list.push(n);
    else noticesOf.set(n.unitId, [n]);
  }
  const out: UnitReminder[] = [];
  for (const unit of [...units].sort((a, b) => a.id - b.id)) {
    const u = byUnit.get(unit.id) ?? { unacked: [], overdue: [], dueSoon: [], lagging: [], stale: [] };
    const issued = noticesOf.get(unit.id) ?? [];
    if (!byUnit.has(unit.id) && issued.length === 0) continue;
    const lines = [`【整改提醒】${unit.name} ${dayHeading(o.today)}`];
    if (issued.length) lines.push(...noticeLines(issued));
    let n = 0;
    for (const name of ORDER) {
      const list = u[name];
      if (list.length === 0) continue;
      const total = Math.max(list[0]!.total, list.length);
      // Long-term issues and daily projects have report periods of their own (30 days, one working day).
      const heading = name === "stale" && list.some((i) => i.deadline === null || i.daily) ? "未按时报进度" : title(name, o);
      lines.push(`${heading} ${total} 个：`);
      for (const i of list.slice(0, SECTION_LIMIT)) lines.push(`${++n}. ${line(name, i, o)}`);
      if (total > Math.min(list.length, SECTION_LIMIT)) lines.push(`……另有 ${total - Math.min(list.length, SECTION_LIMIT)} 个，发送“清单”查看全部`);
    }
    if (u.unacked.length) lines.push(ACK_HINT);
    lines.push(REPLY_HINT);
    const count = (s: ReminderSectionName) => (u[s].length ? Math.max(u[s][0]!.total, u[s].length) : 0);
    out.push({
      unitId: unit.id,
      unitName: unit.name,
      text: lines.join("\n"),
      unacked: count("unacked"),
      overdue: count("overdue"),
      dueSoon: count("dueSoon"),
      stale: count("stale"),
      notices: issued.length ? Math.max(issued[0]!.total, issued.length) : 0,
    });
  }
  return out;
}

/** The 督办单 at the top of the reminder, each on its line; beyond the section limit only counted. */
function noticeLines(issued: PendingNotice[]): string[] {
  const shown = issued.slice(0, NOTICE_LIMIT);
  const total = Math.max(issued[0]!.total, issued.length);
  const lines = shown.map((n) => `【${noticeLabel(n.colour)}】${noticeNumber(n)} ${n.code} ${shortText(n.description, 16)}｜${n.reason}`);
  if (total > shown.length) lines.push(`……另有督办单 ${total - shown.length} 份，发送“清单 红灯”“清单 黄灯”查看`);
  lines.push("请按督办单要求抓紧整改，按时报送进度。");
  return lines;
}

function title(section: ReminderSectionName, o: ReminderOptions): string {
  if (section === "unacked") return "交办未签收";
  if (section === "overdue") return "逾期";
  if (section === "dueSoon") return o.dueSoonDays === 0 ? "今天到期" : `${o.dueSoonDays}日内到期`;
  if (section === "lagging") return "进度滞后";
  return `${o.staleDays}天以上未报进度`;
}

function line(section: ReminderSectionName, i: ReminderIssue, o: ReminderOptions): string {
  const desc = `${i.code} ${shortText(i.description, 16)}`;
  if (section === "unacked") {
    const deadline = i.deadline === null ? "长期坚持" : i.deadline < o.today ? `逾期${daysBetween(i.deadline, o.today)}天` : `${deadlineLabel(i.deadline, o.today)}到期`;
    return `${desc}｜${deadlineLabel(i.assignedOn!, o.today)}交办，${deadline}`;
  }
  // Only dated issues are overdue or due soon; a long-term one can only be stale.
  if (section === "overdue") {
    const days = daysBetween(i.deadline!, o.today);
    return `${days >= o.escalateDays ? "【督办】" : ""}${desc}｜逾期${days}天`;
  }
  if (section === "dueSoon") return `${desc}｜${dueLabel({ deadline: i.deadline! }, o)}`;
  if (section === "lagging") {
    // Only what makes it lag: its silence, if any, is the stale section's to say.
    const why = lightReasons({ ...i, light: "YELLOW", stale: false }, o.today, o.dayOf);
    return `${desc}｜${why.join("；")}`;
  }
  const last = i.lastReportAt ? `上次报送${deadlineLabel(o.dayOf(i.lastReportAt), o.today)}` : "尚未报送进度";
  return `${desc}｜${i.daily ? `每日报送，${last}` : i.deadline === null ? `长期坚持，${last}` : last}`;
}

/** `今天到期` / `12月3日到期，剩2个工作日` / `12月6日到期，今天是最后一个工作日`. */
export function dueLabel(i: { deadline: Day }, o: Pick<ReminderOptions, "today" | "workdaysLeft" | "isWorkday">): string {
  if (i.deadline === o.today) return "今天到期";
  const left = o.workdaysLeft(o.today, i.deadline);
  const note = left > 0 ? `剩${left}个工作日` : o.isWorkday(o.today) ? "今天是最后一个工作日" : "到期前没有工作日";
  return `${deadlineLabel(i.deadline, o.today)}到期，${note}`;
}
