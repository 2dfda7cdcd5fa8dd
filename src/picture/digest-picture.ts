import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { LIGHTS, colourName, type Light } from "../domain/light.ts";
import { INK, MARGIN, TONE, TYPE, WIDTH, rect, text, textWidth, type Tone } from "./svg-text.ts";
import { tablePages, type Block, type Cell } from "./table-pages.ts";
import { trendBlock, type TrendPoint } from "./trend-chart.ts";

export interface BoardTotals {
  open: number;
  overdue: number;
  pending: number;
  closed: number;
}

export interface BoardUnit {
  name: string;
  open: number;
  /** Open issues by today's light (red: overdue). */
  lights: Record<Light, number>;
  pending: number;
}

/** What the digest picture shows. */
export interface DigestBoard {
  today: Day;
  /** Right of the title: the day, or the day and time for a 统计 asked in the afternoon. */
  when: string;
  totals: BoardTotals;
  /** The last recorded day before today, to show the change since. */
  previous: (BoardTotals & { day: Day }) | null;
  lights: Record<Light, number>;
  /** Lines the picture must not leave to the text after it (【中字头】, new red 督办单): it may be sent alone. */
  alerts: string[];
  units: BoardUnit[];
  /** Oldest first, today last. */
  trend: TrendPoint[];
  trendDays: number;
  dueSoonDays: number;
}

const CARD_H = 176;
const ALERT_H = 48;
const GAP = 16;
const STRIP_H = 72;
const LIGHT_TONE: Record<Light, Tone> = { RED: "red", YELLOW: "yellow", BLUE: "blue", GREEN: "green" };

/** `较昨日↑2`, coloured by whether more is worse. */
function change(now: number, before: number | undefined, label: string, moreIsWorse: boolean): { s: string; tone: Tone } {
  if (before === undefined) return { s: "首日记录", tone: "muted" };
  const d = now - before;
  if (d === 0) return { s: `${label}持平`, tone: "muted" };
  return { s: `${label}${d > 0 ? "↑" : "↓"}${Math.abs(d)}`, tone: d > 0 === moreIsWorse ? "red" : "green" };
}

function headBlock(b: DigestBoard): Block {
  const since = b.previous ? (daysBetween(b.previous.day, b.today) === 1 ? "较昨日" : `较${dayLabel(b.previous.day, Number(b.today.slice(0, 4)))}`) : "";
  const cards: { label: string; n: number; change: ReturnType<typeof change>; tone: Tone }[] = [
    { label: "未完成", n: b.totals.open, change: change(b.totals.open, b.previous?.open, since, true), tone: "plain" },
    { label: "逾期", n: b.totals.overdue, change: change(b.totals.overdue, b.previous?.overdue, since, true), tone: b.totals.overdue ? "red" : "plain" },
    { label: "待核实", n: b.totals.pending, change: change(b.totals.pending, b.previous?.pending, since, true), tone: "plain" },
    { label: "已销号", n: b.totals.closed, change: change(b.totals.closed, b.previous?.closed, since, false), tone: b.totals.closed ? "green" : "plain" },
  ];
  const w = (WIDTH - 2 * MARGIN - 3 * GAP) / 4;
  return {
    height: CARD_H + GAP + STRIP_H + GAP + b.alerts.length * ALERT_H,
    draw: (y) => {
      let out = "";
      cards.forEach((c, i) => {
        const x = MARGIN + i * (w + GAP);
        out += rect(x, y, w, CARD_H, TONE[c.tone].fill ?? INK.zebra, ` rx="12" stroke="${INK.rule}"`);
        out += text(x + w / 2, y + 34, c.label, { anchor: "middle", fill: INK.note });
        out += text(x + w / 2, y + 90, String(c.n), { size: 60, bold: true, anchor: "middle", fill: TONE[c.tone].ink });
        out += text(x + w / 2, y + 148, c.change.s, { anchor: "middle", fill: TONE[c.change.tone].ink, bold: c.change.tone === "red" });
      });
      // The lights as coloured pills, worst first.
      const sy = y + CARD_H + GAP;
      let x = MARGIN;
      out += text(x, sy + STRIP_H / 2, "今日亮灯", { bold: true });
      x += textWidth("今日亮灯", TYPE) + 20;
      for (const l of LIGHTS) {
        const label = `${colourName(l)}灯 ${b.lights[l]}`;
        const pw = textWidth(label, TYPE) + 36;
        out += rect(x, sy + 8, pw, STRIP_H - 16, TONE[LIGHT_TONE[l]].fill!, ' rx="28"');
        out += text(x + pw / 2, sy + STRIP_H / 2, label, { anchor: "middle", bold: true, fill: TONE[LIGHT_TONE[l]].ink });
        x += pw + 14;
      }
      b.alerts.forEach((a, i) => (out += text(MARGIN, sy + STRIP_H + GAP + i * ALERT_H + ALERT_H / 2, a, { bold: true, fill: TONE.red.ink })));
      return out;
    },
  };
}

/** A figure in a light's colour when there is any, a grey 0 when there is none. */
function count(n: number, tone: Tone): Cell {
  return n ? { text: String(n), tone } : { text: "0", tone: "muted" };
}

/** Worst first: most overdue, then most yellow, then most open. */
function worstFirst(a: BoardUnit, b: BoardUnit): number {
  return b.lights.RED - a.lights.RED || b.lights.YELLOW - a.lights.YELLOW || b.open - a.open || a.name.localeCompare(b.name, "zh");
}

/**
 * Pure: the digest as pictures (SVG), one page or more: the district's figures and their
 * change, then every unit with something open or awaiting verification, worst first,
 * coloured as offices colour their tables, then the trend.
 */
export function digestPictures(b: DigestBoard): string[] {
  const listed = b.units.filter((u) => u.open > 0 || u.pending > 0).sort(worstFirst);
  const idle = b.units.length - listed.length;
  return tablePages({
    title: "整改日报",
    subtitle: b.when,
    head: headBlock(b),
    columns: [
      { title: "单位", width: 372, align: "start" },
      { title: "未完成", width: 110 },
      { title: "逾期", width: 110 },
      { title: "黄灯", width: 110 },
      { title: "蓝灯", width: 110 },
      { title: "绿灯", width: 110 },
      { title: "待核实", width: 110 },
    ],
    rows: listed.map((u) => [
      { text: u.name, bold: u.lights.RED > 0 },
      { text: String(u.open), tone: u.open ? "plain" : "muted" },
      count(u.lights.RED, "red"),
      count(u.lights.YELLOW, "yellow"),
      count(u.lights.BLUE, "blue"),
      { text: String(u.lights.GREEN), tone: u.lights.GREEN ? "plain" : "muted" },
      { text: String(u.pending), tone: u.pending ? "plain" : "muted" },
    ]),
    empty: "暂无在办或待核实的问题",
    notes: [
      `逾期即红灯；黄灯：节点逾期、进度滞后或未按时报送；蓝灯：${b.dueSoonDays}日内到期。`,
      ...(idle ? [`另有 ${idle} 个单位无在办问题，未列出。`] : []),
    ],
    foot: trendBlock(b.trend, b.trendDays),
  });
}
