import { NOTICE_COLOURS, colourName, type NoticeColour } from "../domain/light.ts";
import { dayHeading } from "../format/day-heading.ts";
import { rankNumbers, type RankingOptions, type UnitScore } from "../ranking/score-units.ts";

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
    const ranks = rankNumbers(ranked);
    const firsts = ranked.filter((_, i) => ranks[i] === 1);
    const lasts = ranked.filter((_, i) => ranks[i] === ranks.at(-1));
    const figures = (s: UnitScore) => `按期率${pct(s.onTime, s.due)}${s.overdue ? `，逾期${s.overdue}个` : ""}`;
    // Tied places name a few and count the rest: 并列第一：甲、乙、丙等 91 个单位（按期率0%（0/1），逾期1个）.
    const who = (group: UnitScore[]) =>
      `${group.slice(0, 3).map((s) => s.unitName).join("、")}${group.length > 3 ? `等 ${group.length} 个单位` : ""}（${figures(group[0]!)}）`;
    // At 0% nobody leads: a leader must not read out as first a unit that completed nothing on time.
    const head = firsts[0]!.onTime === 0 ? "已到期问题均未按期完成" : `${firsts.length > 1 ? "并列第一" : "第一名"}：${who(firsts)}`;
    const tail = firsts.length === ranked.length ? "" : `；${lasts.length > 1 ? "并列末位" : "末位"}：${who(lasts)}`;
    lines.push(`参加排名 ${ranked.length} 个单位。${head}${tail}。`);
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
  const ranks = rankNumbers(ranked);
  if (ranked.length <= SHOW_ALL) lines.push(...ranked.map((s, i) => line(s, ranks[i]!)));
  else {
    lines.push(...ranked.slice(0, SHOW_ENDS).map((s, i) => line(s, ranks[i]!)));
    lines.push(`……中间 ${ranked.length - 2 * SHOW_ENDS} 个单位略`);
    lines.push(...ranked.slice(-SHOW_ENDS).map((s, i) => line(s, ranks[ranked.length - SHOW_ENDS + i]!)));
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
