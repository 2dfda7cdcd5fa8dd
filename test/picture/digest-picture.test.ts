import { describe, expect, it } from "vitest";
import { digestPictures, type BoardUnit, type DigestBoard } from "../../src/picture/digest-picture.ts";
import { rankingPictures, type RankedUnit } from "../../src/picture/ranking-picture.ts";

const unit = (name: string, red = 0, yellow = 0, blue = 0, green = 1, pending = 0): BoardUnit => ({
  name,
  open: red + yellow + blue + green,
  lights: { RED: red, YELLOW: yellow, BLUE: blue, GREEN: green },
  pending,
});

function board(over: Partial<DigestBoard> = {}): DigestBoard {
  return {
    today: "2026-12-02",
    when: "12月2日（周三）",
    totals: { open: 12, overdue: 3, pending: 1, closed: 4 },
    previous: { day: "2026-12-01", open: 10, overdue: 3, pending: 2, closed: 4 },
    lights: { RED: 3, YELLOW: 2, BLUE: 1, GREEN: 6 },
    alerts: [],
    units: [unit("区水利局", 0, 1), unit("百胜镇人民政府", 3, 0, 1, 2), unit("区城市管理局", 0, 1, 0, 3, 1), unit("区林业局", 0, 0, 0, 0)],
    trend: [
      { day: "2026-12-01", open: 10, overdue: 3 },
      { day: "2026-12-02", open: 12, overdue: 3 },
    ],
    trendDays: 30,
    dueSoonDays: 3,
    ...over,
  };
}

/** The texts of a page, in drawing order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
/** Every type size on a page: our own attributes and ECharts' styles. */
const sizes = (svg: string) => [...svg.matchAll(/font-size(?:="|:)(\d+)/g)].map((m) => Number(m[1]));

describe("the digest picture", () => {
  it("shows the totals with their change since yesterday, the lights, and the units worst first", () => {
    const [page, ...more] = digestPictures(board());
    expect(more).toEqual([]);
    const t = texts(page!);
    expect(t.slice(0, 2)).toEqual(["整改日报", "12月2日（周三）"]);
    expect(t).toEqual(expect.arrayContaining(["未完成", "12", "较昨日↑2", "逾期", "较昨日持平", "待核实", "较昨日↓1", "红灯 3", "黄灯 2", "蓝灯 1", "绿灯 6"]));
    const units = t.filter((s) => s.startsWith("区") || s.endsWith("政府"));
    expect(units).toEqual(["百胜镇人民政府", "区城市管理局", "区水利局"]);
    expect(t).toContain("另有 1 个单位无在办问题，未列出。");
    // The overdue cells of 百胜镇 are filled red.
    expect(page).toContain('fill="#f9d6d5"');
  });

  it("names the day it compares with when it was not yesterday, and says so when there is nothing to compare", () => {
    expect(texts(digestPictures(board({ previous: { day: "2026-11-27", open: 12, overdue: 1, pending: 1, closed: 4 } }))[0]!)).toContain("较11月27日↑2");
    const first = texts(digestPictures(board({ previous: null, trend: [{ day: "2026-12-02", open: 12, overdue: 3 }] }))[0]!);
    expect(first).toContain("首日记录");
    expect(first).toContain("近30天趋势：每个工作日记录一次，下一个工作日起显示。");
  });

  it("carries the lines it must not leave to the text after it (sent alone with DUBAN_DIGEST_FORMAT=image)", () => {
    const t = texts(digestPictures(board({ alerts: ["【中字头】中央环保督察及回访问题在办 3 个，其中逾期 2 个", "新发红色督办单 1 份"] }))[0]!);
    expect(t.slice(t.indexOf("绿灯 6") + 1, t.indexOf("绿灯 6") + 3)).toEqual(["【中字头】中央环保督察及回访问题在办 3 个，其中逾期 2 个", "新发红色督办单 1 份"]);
  });

  it("draws the trend with ECharts once there are two days", () => {
    const [page] = digestPictures(board());
    expect(page).toMatch(/<svg x="24" y="\d+" [^>]*width="1032"/);
    expect(page).toContain("近30天趋势");
  });

  it("300 units: split into pages of phone-readable height, each with the column headings, every unit once, type never under 28 px", () => {
    const units = Array.from({ length: 300 }, (_, i) => unit(`第${String(i + 1).padStart(3, "0")}单位`, i % 3, i % 2, 0, 1));
    const pages = digestPictures(board({ units }));
    expect(pages.length).toBeGreaterThan(4);
    const listed = pages.flatMap((p) => texts(p).filter((s) => /^第\d{3}单位$/.test(s)));
    expect(listed).toHaveLength(300);
    expect(new Set(listed).size).toBe(300);
    pages.forEach((p, i) => {
      expect(texts(p)).toContain("单位");
      expect(texts(p)).toContain(`12月2日（周三）　${i + 1}/${pages.length}`);
      const height = Number(/height="(\d+)"/.exec(p)![1]);
      expect(height).toBeLessThan(3000);
      expect(Math.min(...sizes(p))).toBeGreaterThanOrEqual(28);
    });
    // The head on the first page only, the trend on the last only.
    expect(pages.filter((p) => texts(p).includes("今日亮灯"))).toHaveLength(1);
    expect(pages.findIndex((p) => p.includes("近30天趋势"))).toBe(pages.length - 1);
  });

  it("cuts a name too long for two lines with …, and escapes what SVG would read as markup", () => {
    const t = texts(digestPictures(board({ units: [unit("经济技术开发区管理委员会生态环境和安全生产监督管理局<&>", 1)] }))[0]!);
    expect(t).toContain("经济技术开发区管理委员会");
    expect(t.some((s) => s.endsWith("…"))).toBe(true);
    expect(texts(digestPictures(board({ units: [unit("A<&>B", 1)] }))[0]!)).toContain("A&lt;&amp;&gt;B");
  });
});

describe("the ranking picture", () => {
  const ranked = (unitName: string, onTime: number, due: number, overdue = 0): RankedUnit => ({
    unitName,
    due,
    onTime,
    overdue,
    open: 2,
    responsive: 1,
    green: 1,
    lit: 2,
    notices: { RED: overdue ? 1 : 0, YELLOW: 0, BLUE: overdue ? 2 : 0 },
    onTimeRate: due ? onTime / due : null,
    responseRate: 0.5,
    selfFound: 0,
  });
  const opts = { when: "12月7日（周一）", staleDays: 7, year: "2026" };
  /** Each row's place and name, in order. */
  const rows = (page: string) => {
    const t = texts(page).slice(texts(page).indexOf("督办单") + 1);
    return t.flatMap((s, i) => (/^(\d+|—)$/.test(s) && t[i + 1] && !/^(\d+%|—|\d+)$/.test(t[i + 1]!) ? [`${s} ${t[i + 1]}`] : []));
  };

  it("ranks in the given order, marks the first and the last three, lists unranked units only when issued a red or yellow 督办单", () => {
    const units = [
      ...Array.from({ length: 8 }, (_, i) => ranked(`单位${i + 1}`, 8 - i, 8, i > 5 ? 2 : 0)),
      { ...ranked("新单位", 0, 0), notices: { RED: 0, YELLOW: 1, BLUE: 0 } },
      { ...ranked("蓝单单位", 0, 0), notices: { RED: 0, YELLOW: 0, BLUE: 1 } },
    ];
    const [page] = rankingPictures(units, opts);
    const t = texts(page!);
    expect(t.slice(0, 2)).toEqual(["整改周排名", "12月7日（周一）"]);
    expect(rows(page!)).toEqual(["1 单位1", "2 单位2", "3 单位3", "4 单位4", "5 单位5", "6 单位6", "7 单位7", "8 单位8", "— 新单位"]);
    expect(t).toEqual(expect.arrayContaining(["100%", "88%", "红1蓝2", "黄1", "名次“—”：暂无到期问题，不参加排名。", "另有 1 个单位暂无到期问题、无红色或黄色督办单，未列出。"]));
    // Green first three, red last three: in the place cells' fills.
    expect(page!.match(/fill="#dcf1e0"/g)).toHaveLength(3);
  });

  it("tied units share a place; a tie too big for the first three, or a first place at 0%, is not marked best", () => {
    const units = [...Array.from({ length: 5 }, (_, i) => ranked(`并列${i + 1}`, 0, 1, 1)), ...Array.from({ length: 3 }, (_, i) => ranked(`其后${i + 1}`, 0, 2, 2))];
    const [page] = rankingPictures(units, opts);
    expect(rows(page!)).toEqual(["1 并列1", "1 并列2", "1 并列3", "1 并列4", "1 并列5", "6 其后1", "6 其后2", "6 其后3"]);
    expect(page).not.toContain('fill="#dcf1e0"');
    // The last place (6, three units) lies within the last three: red.
    expect(page!.match(/fill="#f9d6d5"/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it("a first place that completed nothing on time is not green", () => {
    const units = Array.from({ length: 8 }, (_, i) => ranked(`单位${i + 1}`, 0, 2, i + 1));
    expect(rankingPictures(units, opts)[0]).not.toContain('fill="#dcf1e0"');
  });
});
