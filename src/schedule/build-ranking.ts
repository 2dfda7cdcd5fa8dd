import type { Day } from "../core/zoned-time.ts";
import { isSelfFound } from "../domain/issue-source.ts";
import { isOpen } from "../domain/issue-state.ts";
import { NOTICE_COLOURS, colourName, type NoticeColour } from "../domain/light.ts";
import { dayHeading } from "../format/day-heading.ts";
import type { RankingSnapshot } from "./job-snapshots.ts";

/** The ranking's three measures, one sentence each (for the README and the help). */
export const RANKING_METRICS = {
  onTimeRate:
    "On-time rate (按期率): of the unit's issues whose deadline is before the ranking day, the share whose completion claim (完成) or closure (销号) came on or before the deadline day (DUBAN_TZ). The current deadline counts, so an approved extension moves it; a claim that was sent back (退回) no longer counts; issues completed with no recorded date (imported as 待核实 or 已销号) are left out. Shown as — when nothing is due yet.",
  overdue: "Overdue (逾期): the unit's open issues (未开始 or 整改中) whose deadline is before the ranking day.",
  responseRate:
    "Response rate (响应率): of the unit's open issues (未开始 or 整改中), the share with a report (进度, 完成 or 延期 request) in the last DUBAN_STALE_DAYS days, the ranking day included. Shown as — when it has no open issues.",
  selfFound:
    "Self-found (自查): the unit's issues whose source is 自查 (registered with 自查 in chat, or so written in a ledger), all time. Finding its own problems is to the unit's credit and never lowers its rank: a 自查 issue counts in the on-time rate only when completed on time, never in the overdue count or the response rate, and among units otherwise equal more 自查 ranks higher.",
  lights:
    "Green share (绿灯率) and 督办单: of the unit's open issues, the share lit green today (DESIGN §4); and the 督办单 it was issued this year, by colour. Shown on its line, not ranked on.",
} as const;

/** All of it, as one block of text. */
export const RANKING_DEFINITIONS = [
  "Weekly unit ranking (周排名): sent to the leaders' groups on the first working day of each week at DUBAN_RANKING_TIME.",
  `- ${RANKING_METRICS.onTimeRate}`,
  `- ${RANKING_METRICS.overdue}`,
  `- ${RANKING_METRICS.responseRate}`,
  `- ${RANKING_METRICS.selfFound}`,
  `- ${RANKING_METRICS.lights}`,
  "Units are ranked by on-time rate (highest first), then fewest overdue, then response rate, then most 自查; units with nothing due yet are listed after the ranking.",
].join("\n");

export interface RankingOptions {
  today: Day;
  staleDays: number;
  /** A report at or after this instant is recent: the start, in DUBAN_TZ, of today − staleDays + 1. */
  reportedSince: Date;
  /** The start of `day`, in DUBAN_TZ. */
  dayStart: (day: Day) => Date;
  /** Absolute day arithmetic for `dayStart(deadline + 1)`. */
  addDays: (day: Day, n: number) => Day;
}

export interface UnitScore {
  unitId: number;
  unitName: string;
  /** Issues whose deadline has passed (the on-time rate's denominator). */
  due: number;
  onTime: number;
  overdue: number;
  open: number;
  /** Open issues reported on recently (the response rate's numerator). */
  responsive: number;
  onTimeRate: number | null;
  responseRate: number | null;
  /** Issues the unit found itself (自查). */
  selfFound: number;
  /** This year's 督办单 by colour. */
  notices: Record<NoticeColour, number>;
  /** Open issues lit green today, of `lit` open issues. */
  green: number;
  lit: number;
}

/** Pure: every unit that has issues, scored and in ranking order. */
export function scoreUnits(s: RankingSnapshot, o: RankingOptions): UnitScore[] {
  const recentMs = o.reportedSince.getTime();
  // Deadlines repeat across thousands of issues: one zone conversion per distinct day.
  const endOf = new Map<Day, number>();
  const dayEndMs = (d: Day) => {
    let ms = endOf.get(d);
    if (ms === undefined) endOf.set(d, (ms = o.dayStart(o.addDays(d, 1)).getTime()));
    return ms;
  };
  const scores = new Map<number, UnitScore>();
  const names = new Map(s.units.map((u) => [u.id, u.name]));
  // A ledger spells its sources a handful of ways: each is told apart once, not per issue.
  const selfFoundBySource = new Map<string, boolean>();
  const selfFound = (source: string) => selfFoundBySource.get(source) ?? selfFoundBySource.set(source, isSelfFound(source)).get(source)!;
  for (const i of s.issues) {
    let sc = scores.get(i.unitId);
    if (!sc) {
      sc = {
        unitId: i.unitId,
        unitName: names.get(i.unitId) ?? "",
        due: 0,
        onTime: 0,
        overdue: 0,
        open: 0,
        responsive: 0,
        onTimeRate: null,
        responseRate: null,
        selfFound: 0,
        notices: { RED: 0, YELLOW: 0, BLUE: 0 },
        green: 0,
        lit: 0,
      };
      scores.set(i.unitId, sc);
    }
    const open = isOpen(i.state);
    if (selfFound(i.source)) {
      // To the unit's credit only: (n+1)/(d+1) never lowers n/d.
      sc.selfFound++;
      if (open || i.deadline === null || i.deadline >= o.today) continue;
      const doneAt = Math.min(i.claimedAt?.getTime() ?? Infinity, i.closedAt?.getTime() ?? Infinity);
      if (doneAt < dayEndMs(i.deadline)) {
        sc.due++;
        sc.onTime++;
      }
      continue;
    }
    if (open) {
      sc.open++;
      if (i.lastReportAt && i.lastReportAt.getTime() >= recentMs) sc.responsive++;
    }
    if (i.deadline === null || i.deadline >= o.today) continue;
    const doneAt = Math.min(i.claimedAt?.getTime() ?? Infinity, i.closedAt?.getTime() ?? Infinity);
    if (!open && doneAt === Infinity) continue;
    sc.due++;
    if (open) sc.overdue++;
    else if (doneAt < dayEndMs(i.deadline)) sc.onTime++;
  }
  for (const n of s.notices) {
    const sc = scores.get(n.unitId);
    if (sc) sc.notices[n.colour] += n.n;
  }
  for (const l of s.lights) {
    const sc = scores.get(l.unitId);
    if (!sc) continue;
    sc.lit += l.n;
    if (l.light === "GREEN") sc.green += l.n;
  }
  const list = [...scores.values()];
  for (const sc of list) {
    sc.onTimeRate = sc.due ? sc.onTime / sc.due : null;
    sc.responseRate = sc.open ? sc.responsive / sc.open : null;
  }
  const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);
  return list.sort(
    (a, b) =>
      Number(a.due === 0) - Number(b.due === 0) ||
      desc(a.onTimeRate, b.onTimeRate) ||
      a.overdue - b.overdue ||
      desc(a.responseRate, b.responseRate) ||
      b.selfFound - a.selfFound ||
      a.unitName.localeCompare(b.unitName, "zh"),
  );
}

/** Above this many ranked units only the top and bottom are listed: it is read on a phone. */
const SHOW_ALL = 20;
const SHOW_ENDS = 10;

const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%（${n}/${d}）` : "—");

/** `红1黄2蓝0` */
function noticeCounts(n: Record<NoticeColour, number>): string {
  return NOTICE_COLOURS.map((c) => `${colourName(c)}${n[c]}`).join("");
}

/**
 * Pure: the text that follows the ranking's picture: who leads, who trails, and how many
 * are not ranked yet; null when no unit has issues.
 */
export function buildRankingBrief(scores: UnitScore[], o: Pick<RankingOptions, "today">): string | null {
  if (scores.length === 0) return null;
  const ranked = scores.filter((s) => s.due > 0);
  const lines = [`【整改周排名】${dayHeading(o.today)}`];
  if (ranked.length) {
    const first = ranked[0]!;
    const last = ranked.at(-1)!;
    const who = (s: UnitScore) => `${s.unitName}（按期率${pct(s.onTime, s.due)}${s.overdue ? `，逾期${s.overdue}个` : ""}）`;
    lines.push(`参加排名 ${ranked.length} 个单位。第一名：${who(first)}${ranked.length > 1 ? `；末位：${who(last)}` : ""}。`);
  }
  if (ranked.length < scores.length) lines.push(`暂无到期问题 ${scores.length - ranked.length} 个单位，不参加排名。`);
  return lines.join("\n");
}

/** Pure: the leaders' weekly ranking message; null when no unit has issues. */
export function buildRanking(scores: UnitScore[], o: Pick<RankingOptions, "today" | "staleDays">): string | null {
  if (scores.length === 0) return null;
  const ranked = scores.filter((s) => s.due > 0);
  const unrated = scores.filter((s) => s.due === 0);
  const anyNotice = scores.some((s) => s.notices.RED + s.notices.YELLOW + s.notices.BLUE > 0);
  const lightsPart = (s: UnitScore) => `${s.lit ? `，绿灯率${pct(s.green, s.lit)}` : ""}${anyNotice ? `，督办单${noticeCounts(s.notices)}` : ""}`;
  const line = (s: UnitScore, rank: number) =>
    `${rank}. ${s.unitName}｜按期率${pct(s.onTime, s.due)}，逾期${s.overdue}个，响应率${pct(s.responsive, s.open)}${s.selfFound ? `，自查${s.selfFound}个` : ""}${lightsPart(s)}`;
  const lines = [`【整改周排名】${dayHeading(o.today)}`];
  if (ranked.length <= SHOW_ALL) lines.push(...ranked.map((s, i) => line(s, i + 1)));
  else {
    lines.push(...ranked.slice(0, SHOW_ENDS).map((s, i) => line(s, i + 1)));
    lines.push(`……中间 ${ranked.length - 2 * SHOW_ENDS} 个单位略`);
    lines.push(...ranked.slice(-SHOW_ENDS).map((s, i) => line(s, ranked.length - SHOW_ENDS + i + 1)));
  }
  // Not ranked yet, but a unit already issued 督办单 is not to be lost in a list of names.
  const warned = unrated.filter((s) => s.notices.RED + s.notices.YELLOW + s.notices.BLUE > 0).slice(0, SHOW_ENDS);
  for (const s of warned) lines.push(`— ${s.unitName}｜暂无到期问题${lightsPart(s)}`);
  const rest = unrated.filter((s) => !warned.includes(s));
  if (rest.length) {
    const names = rest.slice(0, SHOW_ENDS).map((s) => s.unitName).join("、");
    lines.push(`${warned.length ? "其余" : ""}暂无到期问题 ${rest.length} 个单位：${names}${rest.length > SHOW_ENDS ? " 等" : ""}`);
  }
  const selfFound = scores.some((s) => s.selfFound > 0) ? "；自查＝累计自查发现问题数，只加分不减分" : "";
  const lights = scores.some((s) => s.lit > 0) ? "；绿灯率＝今日亮绿灯的在办问题÷在办问题" : "";
  const notices = anyNotice ? `；督办单为${o.today.slice(0, 4)}年累计` : "";
  lines.push(`注：按期率＝按期报完成或销号数÷已过期限问题数；响应率＝近${o.staleDays}天有报送的在办问题÷在办问题${selfFound}${lights}${notices}。`);
  return lines.join("\n");
}
