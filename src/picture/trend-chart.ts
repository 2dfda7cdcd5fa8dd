import * as echarts from "echarts";
import type { Day } from "../core/zoned-time.ts";
import { FONT_FAMILY } from "./render-pngs.ts";
import { INK, MARGIN, TONE, TYPE, WIDTH, text, textWidth } from "./svg-text.ts";
import type { Block } from "./table-pages.ts";

export interface TrendPoint {
  day: Day;
  open: number;
  overdue: number;
}

const HEIGHT = 460;
const OPEN_INK = INK.band;

/** `11/3` */
const short = (d: Day) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;

/**
 * Open and overdue issues by day, drawn by ECharts' server-side SVG renderer (no browser,
 * no canvas). Fewer than two days recorded is no trend: a line says when it starts.
 */
export function trendBlock(points: TrendPoint[], days: number): Block {
  if (points.length < 2) {
    return { height: 60, draw: (y) => text(MARGIN, y + 30, `近${days}天趋势：每个工作日记录一次，下一个工作日起显示。`, { fill: INK.note }) };
  }
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH - 2 * MARGIN, height: HEIGHT });
  const label = { fontSize: TYPE, fontFamily: FONT_FAMILY, color: INK.note };
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: TYPE },
    title: { text: `近${days}天趋势`, left: 0, top: 0, textStyle: { fontSize: 30, fontWeight: "bold", color: TONE.plain.ink, fontFamily: FONT_FAMILY } },
    legend: { right: 0, top: 2, itemWidth: 36, itemHeight: 14, textStyle: label, data: ["未完成", "逾期"] },
    // The end labels (today's figures) are outside the plot, and containLabel does not count them.
    grid: { left: 12, right: 24 + textWidth(String(Math.max(...points.map((p) => Math.max(p.open, p.overdue)))), TYPE), top: 84, bottom: 28, containLabel: true },
    xAxis: { type: "category", boundaryGap: false, data: points.map((p) => short(p.day)), axisLabel: { ...label, hideOverlap: true }, axisTick: { show: false } },
    yAxis: { type: "value", minInterval: 1, axisLabel: label, splitLine: { lineStyle: { color: "#e6e6e6" } } },
    series: [
      { name: "未完成", type: "line", data: points.map((p) => p.open), color: OPEN_INK, lineStyle: { width: 4 }, symbolSize: 8, endLabel: { show: true, ...label, color: OPEN_INK, fontWeight: "bold" } },
      { name: "逾期", type: "line", data: points.map((p) => p.overdue), color: TONE.red.ink, lineStyle: { width: 4 }, symbolSize: 8, endLabel: { show: true, ...label, color: TONE.red.ink, fontWeight: "bold" } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { height: HEIGHT, draw: (y) => svg.replace(/^<svg /, `<svg x="${MARGIN}" y="${y}" `) };
}
