import { NOTICE_COLOURS, colourName, type NoticeColour } from "../domain/light.ts";
import type { UnitScore } from "../ranking/score-units.ts";
import { tablePages, type Cell } from "./table-pages.ts";
import type { Tone } from "./svg-text.ts";

/** A unit as the ranking scored it, in ranking order. */
export type RankedUnit = Pick<UnitScore, "unitName" | "due" | "onTime" | "overdue" | "open" | "responsive" | "green" | "lit" | "notices">;

/** The first and the last this many ranked units are marked, as in a 红黑榜. */
const ENDS = 3;

function rate(n: number, d: number): Cell {
  return d ? { text: `${Math.round((100 * n) / d)}%`, bar: n / d } : { text: "—", tone: "muted" };
}

function notices(n: Record<NoticeColour, number>): Cell {
  const worst = NOTICE_COLOURS.find((c) => n[c] > 0);
  if (!worst) return { text: "—", tone: "muted" };
  const tone: Record<NoticeColour, Tone> = { RED: "red", YELLOW: "yellow", BLUE: "blue" };
  return { text: NOTICE_COLOURS.map((c) => `${colourName(c)}${n[c]}`).join(""), tone: tone[worst] };
}

/**
 * Pure: the weekly ranking as pictures (SVG): every unit, ranked ones first in order; when
 * there are enough to tell (more than six ranked), the top three in green and the last
 * three in red.
 */
export function rankingPictures(units: RankedUnit[], o: { when: string; staleDays: number; year: string }): string[] {
  const ranked = units.filter((u) => u.due > 0).length;
  const marked = ranked > 2 * ENDS;
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
    rows: units.map((u, i) => {
      const rank: Cell =
        u.due === 0 ? { text: "—", tone: "muted" } : { text: String(i + 1), tone: !marked ? "plain" : i < ENDS ? "green" : i >= ranked - ENDS ? "red" : "plain", bold: true };
      return [
        rank,
        { text: u.unitName },
        rate(u.onTime, u.due),
        u.overdue ? { text: String(u.overdue), tone: "red" } : { text: "0", tone: "muted" },
        rate(u.responsive, u.open),
        rate(u.green, u.lit),
        notices(u.notices),
      ];
    }),
    empty: "暂无单位有整改问题",
    notes: [
      "按期率＝按期报完成或销号数÷已过期限问题数；",
      `响应率＝近${o.staleDays}天有报送的在办问题÷在办问题；`,
      `绿灯率＝今日亮绿灯的在办问题÷在办问题；督办单为${o.year}年累计。`,
      ...(ranked < units.length ? ["名次“—”：暂无到期问题，不参加排名。"] : []),
    ],
  });
}
