import type { Day } from "../core/zoned-time.ts";
import { isSelfFound } from "../domain/issue-source.ts";
import { isOpen } from "../domain/issue-state.ts";
import type { NoticeColour } from "../domain/light.ts";
import type { RankingSnapshot } from "./ranking-snapshot.ts";

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
  "Units are ranked by on-time rate (highest first), then fewest overdue, then response rate, then most 自查; units equal on all four share a place (1, 1, 3); units with nothing due yet are listed after the ranking.",
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

/** What a place is decided on. */
type Scored = Pick<UnitScore, "due" | "onTimeRate" | "overdue" | "responseRate" | "selfFound">;

const sameScore = (a: Scored, b: Scored) =>
  a.onTimeRate === b.onTimeRate && a.overdue === b.overdue && a.responseRate === b.responseRate && a.selfFound === b.selfFound;

/**
 * Each unit's place, in ranking order: units with equal scores share one (1, 1, 3), the
 * name only ordering them on the page; null for a unit with nothing due yet (not ranked).
 */
export function rankNumbers(scores: Scored[]): (number | null)[] {
  const ranks: (number | null)[] = [];
  scores.forEach((s, i) => {
    const prev = scores[i - 1];
    ranks.push(s.due === 0 ? null : prev && prev.due > 0 && sameScore(prev, s) ? ranks[i - 1]! : i + 1);
  });
  return ranks;
}
