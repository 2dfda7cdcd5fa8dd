import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPng } from "../support/read-png.ts";
import { runScenario, type ScenarioRun, type SimLine } from "../support/run-scenario.ts";
import { tempDir } from "../schedule/helpers.ts";

describe("scenario: the digest and the ranking as pictures (scenarios/pictures.txt, --files)", () => {
  const { dir, cleanup } = tempDir("pictures");
  afterAll(cleanup);
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario("pictures.txt", {}, dir);
  });
  const LEADERS = "领导群";
  const at = (l: SimLine) => l.time.slice(0, 16);
  const png = (name: string) => readPng(readFileSync(path.join(dir, name)));

  it("runs cleanly", () => {
    expect(run.code).toBe(0);
    expect(run.err).toEqual(["@import ../../../demo/ledger-sample.csv：导入完成：新增 10 条，更新 0 条，未变 0 条，新建单位 9 个"]);
  });

  it("the 08:30 digest is a picture, then a short text: the figures, and what to send for the lists", () => {
    const digest = run.lines.filter((l) => l.room === LEADERS && at(l) === "2026-12-01T08:30");
    expect(digest.map((l) => l.text.split("\n")[0])).toEqual(["[图片] 整改日报-2026-12-01.png", "【整改日报】12月1日（周二）"]);
    const brief = digest[1]!.text;
    expect(brief).toContain("共 10 个：未开始 2，整改中 6，待核实 1，已销号 1；逾期 2 个。");
    expect(brief).toContain("发送“统计 文字”看完整日报，“逾期”看逾期清单");
    // Short: the lists are in the picture and behind the commands; only the new red 督办单 are named.
    expect(brief).toContain("新发红色督办单 2 份：\n· 督〔2026〕1号 ZG-2026-001 百胜镇人民政府｜逾期11天\n· 督〔2026〕2号 ZG-2026-007 区规划自然资源局｜逾期6天");
    expect(brief.split("\n").length).toBeLessThanOrEqual(10);
    expect(brief).not.toContain("逾期问题（按单位）");
  });

  it("the picture is a phone-width PNG with the overdue cells in red, not blank", () => {
    const p = png("整改日报-2026-12-01.png");
    expect(p.width).toBe(1080);
    expect(p.height).toBeGreaterThan(1000);
    expect(p.height).toBeLessThan(4000);
    expect(p.inked).toBeGreaterThan(0.1);
    expect(p.has("#f9d6d5")).toBe(true); // a red cell's fill
    expect(p.has("#1f4e79")).toBe(true); // the title band
  });

  it("统计 answers with the same picture and text; 统计 文字 with the full text digest", () => {
    const stats = run.lines.filter((l) => l.room === LEADERS && at(l) === "2026-12-01T09:00");
    expect(stats.map((l) => l.text.split("\n")[0])).toEqual(["[图片] 整改日报-2026-12-01.png", "【整改日报】12月1日（周二）", "【整改日报】12月1日（周二）"]);
    expect(stats[2]!.text).toContain("逾期问题（按单位）：");
    expect(png("整改日报-2026-12-01 (2).png").width).toBe(1080);
  });

  it("units' groups get their reminders as text, never a picture", () => {
    expect(run.lines.filter((l) => l.room === "区水利局工作群" && l.text.startsWith("[图片]"))).toEqual([]);
    expect(run.said("区水利局工作群", "【整改提醒】区水利局 12月2日（周三）")).toHaveLength(1);
  });

  it("the next day's digest is a picture again, and Monday's ranking is a picture then who leads and who trails", () => {
    expect(run.said(LEADERS, "[图片] 整改日报-2026-12-02.png").map(at)).toEqual(["2026-12-02T08:30"]);
    const ranking = run.lines.filter((l) => l.room === LEADERS && at(l) === "2026-12-07T09:00" && /排名/.test(l.text));
    expect(ranking.map((l) => l.text.split("\n")[0])).toEqual(["[图片] 整改周排名-2026-12-07.png", "【整改周排名】12月7日（周一）"]);
    expect(ranking[1]!.text).toContain("参加排名 4 个单位。第一名：区住房城乡建委（按期率100%（1/1））；并列末位：百胜镇人民政府、区规划自然资源局（按期率0%（0/1），逾期1个）。");
    const p = png("整改周排名-2026-12-07.png");
    expect(p.width).toBe(1080);
    expect(p.inked).toBeGreaterThan(0.05);
  });

  it("writes every picture it sent, and nothing else", () => {
    const sent = run.lines.filter((l) => l.text.startsWith("[图片] ")).length;
    expect(readdirSync(dir).filter((f) => f.endsWith(".png"))).toHaveLength(sent);
  });
});
