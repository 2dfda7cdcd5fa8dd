// The digest and ranking pictures of a 300-unit district: drawn as SVG, then rasterised
// (the font cut to the pages' characters first). The first picture of a process also
// pays for reading the font files and loading HarfBuzz; later ones are the daily cost.
import { digestPictures, type BoardUnit, type DigestBoard } from "../src/picture/digest-picture.ts";
import { rankingPictures, type RankedUnit } from "../src/picture/ranking-picture.ts";
import { renderPngs } from "../src/picture/render-pngs.ts";

const UNITS = 300;
const TOWNS = ["百胜镇人民政府", "江北街道办事处", "区住房城乡建委", "白涛化工园区管委会", "区规划自然资源局", "经济技术开发区管理委员会生态环境局"];

function board(): DigestBoard {
  const units: BoardUnit[] = Array.from({ length: UNITS }, (_, i) => {
    const lights = { RED: i % 4, YELLOW: i % 3, BLUE: i % 2, GREEN: 5 + (i % 7) };
    return { name: `${TOWNS[i % TOWNS.length]}${i}`, open: lights.RED + lights.YELLOW + lights.BLUE + lights.GREEN, lights, pending: i % 5 };
  });
  const trend = Array.from({ length: 22 }, (_, i) => ({ day: `2026-11-${String(i + 8).padStart(2, "0")}`, open: 3000 - 20 * i, overdue: 400 + (i % 5) * 10 }));
  return {
    today: "2026-11-30",
    when: "11月30日（周一）",
    totals: { open: 2900, overdue: 420, pending: 600, closed: 5000 },
    previous: { day: "2026-11-27", open: 2920, overdue: 410, pending: 590, closed: 4980 },
    lights: { RED: 420, YELLOW: 300, BLUE: 150, GREEN: 2030 },
    alerts: ["【中字头】中央环保督察及回访问题在办 12 个，其中逾期 3 个"],
    units,
    trend,
    trendDays: 30,
    dueSoonDays: 3,
  };
}

function ranked(): RankedUnit[] {
  return Array.from({ length: UNITS }, (_, i) => ({
    unitName: `${TOWNS[i % TOWNS.length]}${i}`,
    due: 10,
    onTime: 10 - (i % 11),
    overdue: i % 4,
    open: 12,
    responsive: 12 - (i % 13),
    green: 5,
    lit: 12,
    notices: { RED: i % 3, YELLOW: i % 2, BLUE: 1 },
    onTimeRate: (10 - (i % 11)) / 10,
    responseRate: (12 - (i % 13)) / 12,
    selfFound: 0,
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(draw: () => string[]): Promise<{ pages: number; svgMs: number; pngMs: number; bytes: number }> {
  let t = performance.now();
  const pages = draw();
  const svgMs = performance.now() - t;
  t = performance.now();
  const pngs = await renderPngs(pages);
  return { pages: pages.length, svgMs, pngMs: performance.now() - t, bytes: pngs.reduce((s, p) => s + p.length, 0) };
}

export async function benchPictures(): Promise<Record<string, string | number>> {
  const first = await time(() => digestPictures(board()));
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await time(() => digestPictures(board())));
  const ranking = [];
  for (let i = 0; i < 3; i++) ranking.push(await time(() => rankingPictures(ranked(), { when: "11月30日（周一）", staleDays: 7, year: "2026" })));
  const total = (r: { svgMs: number; pngMs: number }) => r.svgMs + r.pngMs;
  return {
    "digest: pages for 300 units": runs[0]!.pages,
    "digest: first in a process, all pages (ms)": Math.round(total(first)),
    "digest: all pages, median of 5 (ms)": Math.round(median(runs.map(total))),
    "  of which SVG (ms)": Math.round(median(runs.map((r) => r.svgMs))),
    "  of which font cut + PNG (ms)": Math.round(median(runs.map((r) => r.pngMs))),
    "digest: PNG bytes, all pages (KB)": Math.round(runs[0]!.bytes / 1024),
    "ranking: pages for 300 units": ranking[0]!.pages,
    "ranking: all pages, median of 3 (ms)": Math.round(median(ranking.map(total))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) for (const [k, v] of Object.entries(await benchPictures())) console.log(`${k}: ${v}`);
