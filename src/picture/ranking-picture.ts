import { NOTICE_COLOURS, colourName, type NoticeColour } from "../domain/light.ts";
import { rankNumbers, type UnitScore } from "../ranking/score-units.ts";
import { tablePages, type Cell } from "./table-pages.ts";
import type { Tone } from "./svg-text.ts";

/** A unit as the ranking scored it, in ranking order. */
export type RankedUnit = Pick<
  UnitScore,
  "unitName" | "due" | "onTime" | "overdue" | "open" | "responsive" | "green" | "lit" | "notices" | "onTimeRate" | "responseRate" | "selfFound"
>;

/** The first and the last this many places are marked, as in a 红黑榜. */
const ENDS = 3;

function rate(n: number, d: number, greenBar = false): Cell {
  return d ? { text: `${Math.round((100 * n) / d)}%`, bar: n / d, greenBar } : { text: "—", tone: "muted" };
}

/** `红1蓝2`: the colours issued, worst first, in the worst one's colour. */
function notices(n: Record<NoticeColour, number>): Cell {
  const issued = NOTICE_COLOURS.filter((c) => n[c] > 0);
  if (!issued.length) return { text: "—", tone: "muted" };
  const tone: Record<NoticeColour, Tone> = { RED: "red", YELLOW: "yellow", BLUE: "blue" };
  return { text: issued.map((c) => `${colourName(c)}${n[c]}`).join(""), tone: tone[issued[0]!] };
}

/**
 * Pure: the weekly ranking as pictures (SVG): the ranked units in order, tied ones sharing
 * a place; then the units not ranked yet that were issued a red or yellow 督办单 (the others
 * are counted). With more than six ranked, places wholly within the first three are green
 * (if they completed anything on time) and within the last three red: 91 units tied first
 * are nobody's best.
 */
export function rankingPictures(units: RankedUnit[], o: { when: string; staleDays: number; year: string }): string[] {
  const ranked = units.filter((u) => u.due > 0);
  const places = rankNumbers(ranked);
  // Blue ones go out before every deadline: only a red or yellow 督办单 earns an unranked unit a row.
  const warned = units.filter((u) => u.due === 0 && u.notices.RED + u.notices.YELLOW > 0);
  const quiet = units.length - ranked.length - warned.length;
  const marked = ranked.length > 2 * ENDS;
  // The last position sharing this place: a tie group is marked only when all of it fits.
  const groupEnd = (i: number) => places.lastIndexOf(places[i]!);
  // Nobody is best at 0%: the first places are green only when they completed something on time.
  const tone = (i: number): Tone =>
    !marked ? "plain" : groupEnd(i) < ENDS && ranked[i]!.onTime > 0 ? "green" : places[i]! - 1 >= ranked.length - ENDS ? "red" : "plain";
  const row = (u: RankedUnit, place: Cell): Cell[] => [
    place,
    { text: u.unitName },
    rate(u.onTime, u.due),
    u.overdue ? { text: String(u.overdue), tone: "red" } : { text: "0", tone: "muted" },
    rate(u.responsive, u.open),
    rate(u.green, u.lit, true),
    notices(u.notices),
  ];
  return tablePages({
    title: "整改周排名",
    subtitle: o.when,
    columns: [
      { title: "名次", width: 80 },
      { title: "单位", width: 300, align: "start" },
      { title: "按期率", width: 132 },
      { title: "逾期", width: 96 },
      { title: "响应率", width: 132 },
      { title: "绿灯率", width: 132 },
      { title: "督办单", width: 160 },
    ],
    rows: [
      ...ranked.map((u, i) => row(u, { text: String(places[i]), tone: tone(i), bold: true })),
      ...warned.map((u) => row(u, { text: "—", tone: "muted" })),
    ],
    empty: "暂无单位有整改问题",
    notes: [
      "按期率＝按期报完成或销号数÷已过期限问题数；",
      `响应率＝近${o.staleDays}天有报送的在办问题÷在办问题；`,
      `绿灯率＝今日亮绿灯的在办问题÷在办问题；督办单为${o.year}年累计。`,
      ...(warned.length ? ["名次“—”：暂无到期问题，不参加排名。"] : []),
      ...(quiet ? [`另有 ${quiet} 个单位暂无到期问题、无红色或黄色督办单，未列出。`] : []),
    ],
  });
}
