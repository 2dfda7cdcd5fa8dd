import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/zoned-time.ts";
import type { RankingIssue } from "../../src/ranking/ranking-snapshot.ts";
import { RANKING_DEFINITIONS, RANKING_METRICS, rankNumbers, scoreUnits, type RankingOptions } from "../../src/ranking/score-units.ts";
import { buildRanking, buildRankingBrief } from "../../src/schedule/build-ranking.ts";
import { at, zt } from "./helpers.ts";

const today = "2026-12-07";
const opts: RankingOptions = { today, staleDays: 7, reportedSince: zt.at(addDays(today, -6)), dayStart: (d) => zt.at(d), addDays };

function issue(unitId: number, deadline: string, over: Partial<Omit<RankingIssue, "lastReportAt" | "claimedAt" | "closedAt">> & { report?: string; claimed?: string; closed?: string } = {}): RankingIssue {
  return {
    unitId,
    deadline,
    state: over.state ?? "IN_PROGRESS",
    lastReportAt: over.report ? at(over.report) : null,
    claimedAt: over.claimed ? at(over.claimed) : null,
    closedAt: over.closed ? at(over.closed) : null,
    source: over.source ?? "",
  };
}

const units = [
  { id: 1, name: "甲单位" },
  { id: 2, name: "乙单位" },
  { id: 3, name: "丙单位" },
  { id: 4, name: "丁单位" },
];

describe("scoreUnits", () => {
  it("counts on-time completion against deadlines, overdue, and response", () => {
    const scores = scoreUnits(
      {
        units,
        notices: [],
        lights: [],
        issues: [
          // 甲: claimed at 23:59 on the deadline day (on time), closed late but claimed early (on time), overdue one.
          issue(1, "2026-11-30", { state: "PENDING_VERIFICATION", claimed: "2026-11-30 23:59" }),
          issue(1, "2026-11-20", { state: "CLOSED", claimed: "2026-11-18 10:00", closed: "2026-11-25 10:00" }),
          issue(1, "2026-12-01", { state: "IN_PROGRESS", report: "2026-12-06 10:00" }),
          issue(1, "2026-12-31", { state: "NOT_STARTED" }),
          // 乙: claimed the morning after its deadline (late); due today does not count yet.
          issue(2, "2026-11-30", { state: "PENDING_VERIFICATION", claimed: "2026-12-01 00:01" }),
          issue(2, today, { report: "2026-12-01 00:00" }),
          // 丙: imported as 待核实 with no date: left out of the rate; nothing else due.
          issue(3, "2026-11-30", { state: "PENDING_VERIFICATION" }),
          issue(3, "2026-12-31", { report: "2026-11-30 23:59" }),
        ],
      },
      opts,
    );
    expect(scores.map((s) => [s.unitName, s.onTime, s.due, s.overdue, s.responsive, s.open])).toEqual([
      ["甲单位", 2, 3, 1, 1, 2],
      ["乙单位", 0, 1, 0, 1, 1],
      ["丙单位", 0, 0, 0, 0, 1],
    ]);
  });

  it("ranks by on-time rate, then fewer overdue, then response rate", () => {
    const scores = scoreUnits(
      {
        units,
        notices: [],
        lights: [],
        issues: [
          issue(1, "2026-11-01"),
          issue(1, "2026-11-02", { state: "CLOSED", closed: "2026-11-01 10:00" }),
          issue(2, "2026-11-01", { report: "2026-12-06 10:00" }),
          issue(2, "2026-11-02", { state: "CLOSED", closed: "2026-11-01 10:00" }),
          issue(3, "2026-11-02", { state: "CLOSED", closed: "2026-11-01 10:00" }),
          issue(4, "2026-11-01"),
          issue(4, "2026-11-01"),
          issue(4, "2026-11-02", { state: "CLOSED", closed: "2026-11-01 10:00" }),
          issue(4, "2026-11-02", { state: "CLOSED", closed: "2026-11-01 10:00" }),
        ],
      },
      opts,
    );
    expect(scores.map((s) => s.unitName)).toEqual(["丙单位", "乙单位", "甲单位", "丁单位"]);
  });
});

describe("buildRanking", () => {
  it("writes one line per unit with the three measures and a short legend", () => {
    const text = buildRanking(
      scoreUnits({ units, notices: [], lights: [], issues: [issue(1, "2026-11-01", { state: "CLOSED", closed: "2026-10-31 10:00" }), issue(1, "2026-11-02", { report: "2026-12-07 08:00" }), issue(2, "2026-12-20")] }, opts),
      opts,
    );
    expect(text).toBe(
      [
        "【整改周排名】12月7日（周一）",
        "1. 甲单位｜按期率50%（1/2），逾期1个，响应率100%（1/1）",
        "暂无到期问题 1 个单位：乙单位",
        "注：按期率＝按期报完成或销号数÷已过期限问题数；响应率＝近7天有报送的在办问题÷在办问题。",
      ].join("\n"),
    );
    expect(buildRanking([], opts)).toBeNull();
  });

  it("shows only the top and bottom ten of a long ranking", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `单位${String(i + 1).padStart(2, "0")}` }));
    const issues = many.flatMap((u) => [issue(u.id, "2026-11-01", u.id % 2 ? { state: "CLOSED", closed: "2026-10-01 10:00" } : {}), issue(u.id, "2026-11-01")]);
    const text = buildRanking(scoreUnits({ units: many, notices: [], lights: [], issues }, opts), opts)!;
    expect(text).toContain("……中间 10 个单位略");
    // Two scores only (50% and 0%): the fifteen at 0% share 16th place.
    expect(text).toMatch(/^1\. 单位01｜/m);
    expect(text).toMatch(/\n16\. 单位30｜/);
    expect(text).not.toMatch(/^(2|17|30)\. /m);
    expect(text.split("\n")).toHaveLength(1 + 10 + 1 + 10 + 1);
  });

  it("exports its definitions for the README", () => {
    expect(RANKING_DEFINITIONS).toContain(RANKING_METRICS.onTimeRate);
    expect(RANKING_DEFINITIONS).toContain("DUBAN_STALE_DAYS");
  });
});

describe("places", () => {
  it("equal scores share a place, the next place counting them (1, 1, 3); unranked units have none", () => {
    const u = (onTimeRate: number | null, overdue = 0, due = 1) => ({ due, onTimeRate, overdue, responseRate: 1, selfFound: 0 });
    expect(rankNumbers([u(1), u(1), u(0.5), u(0.5, 1), u(0.5, 1), u(null, 0, 0)])).toEqual([1, 1, 3, 4, 4, null]);
  });

  it("the brief names a tie as one, with its count", () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ id: i + 1, name: `单位${i + 1}` }));
    const issues = many.map((u) => issue(u.id, "2026-11-01", { state: "CLOSED", closed: "2026-10-31 10:00" }));
    expect(buildRankingBrief(scoreUnits({ units: many, notices: [], lights: [], issues }, opts), opts)).toBe(
      "【整改周排名】12月7日（周一）\n参加排名 6 个单位。并列第一：单位1、单位2、单位3等 6 个单位（按期率100%（1/1））。",
    );
  });
});

describe("the brief at the start, when nothing was completed on time", () => {
  it("names no unit first", () => {
    const units = [
      { id: 1, name: "甲" },
      { id: 2, name: "乙" },
    ];
    const issues = [issue(1, "2026-11-01"), issue(2, "2026-11-01"), issue(2, "2026-11-02")];
    expect(buildRankingBrief(scoreUnits({ units, notices: [], lights: [], issues }, opts), opts)).toBe(
      "【整改周排名】12月7日（周一）\n参加排名 2 个单位。已到期问题均未按期完成；末位：乙（按期率0%（0/2），逾期2个）。",
    );
  });
});
