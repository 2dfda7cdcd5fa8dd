import { describe, expect, it } from "vitest";
import { plannedDay } from "../../src/domain/milestone-day.ts";
import { commandSchema } from "../../src/parse/command.ts";
import { CodeBook } from "../../src/parse/issue-code.ts";
import { interpretMessage } from "../../src/parse/interpret-message.ts";
import { normalizeText } from "../../src/parse/normalize-text.ts";
import { parseCommand } from "../../src/parse/parse-command.ts";

const plan = (code: string, ...steps: [{ y?: number; m: number; d: number; monthEnd?: boolean }, string][]) => ({
  type: "plan",
  code,
  steps: steps.map(([date, text]) => ({ date, text })),
});

describe("parseCommand: 方案", () => {
  it.each([
    ["方案 DB-2026-001 12月10日 完成设备采购；12月20日 安装调试", plan("DB-2026-001", [{ m: 12, d: 10 }, "完成设备采购"], [{ m: 12, d: 20 }, "安装调试"])],
    ["方案 DB-2026-001\n12月10日 完成设备采购\n12月20日 安装调试", plan("DB-2026-001", [{ m: 12, d: 10 }, "完成设备采购"], [{ m: 12, d: 20 }, "安装调试"])],
    ["方案：DB-2026-001\r\n12月10日 采购;\r\n\r\n12月20日 安装", plan("DB-2026-001", [{ m: 12, d: 10 }, "采购"], [{ m: 12, d: 20 }, "安装"])],
    ["整改方案 DB-2026-001 2026-12-10 采购", plan("DB-2026-001", [{ y: 2026, m: 12, d: 10 }, "采购"])],
    ["方案DB-2026-001 12月底 验收", plan("DB-2026-001", [{ m: 12, d: 28, monthEnd: true }, "验收"])],
    ["方案 db-2026-001 12月10日前完成设备采购", plan("DB-2026-001", [{ m: 12, d: 10 }, "完成设备采购"])],
    ["方案 DB-2026-001 12月10日前期准备", plan("DB-2026-001", [{ m: 12, d: 10 }, "前期准备"])],
    ["方案 DB-2026-001 2027年1月5日：验收，销号", plan("DB-2026-001", [{ y: 2027, m: 1, d: 5 }, "验收，销号"])],
    ["方案 DB-2026-001 12月10号 采购(A型)设备", plan("DB-2026-001", [{ m: 12, d: 10 }, "采购（A型）设备"])],
    // Full-width as a phone keyboard types it: NFKC first.
    ["方案　ＤＢ－２０２６－００１　１２月１０日　采购", plan("DB-2026-001", [{ m: 12, d: 10 }, "采购"])],
    // Written in any order: the handler puts them in date order.
    ["方案 DB-2026-001 12月20日 安装；12月10日 采购", plan("DB-2026-001", [{ m: 12, d: 20 }, "安装"], [{ m: 12, d: 10 }, "采购"])],
  ])("%s", (text, expected) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toEqual(expected);
    expect(commandSchema.parse(cmd)).toEqual(expected);
  });

  it.each([
    ["方案", "缺少问题编号"],
    ["方案 DB-2026-001", "缺少整改节点"],
    ["方案 DB-2026-001 ；\n", "缺少整改节点"],
    ["方案 DB-2026-001 完成设备采购", "“完成设备采购”缺少日期"],
    ["方案 DB-2026-001 12月10日", "“12月10日”缺少节点内容"],
    ["方案 DB-2026-001 2月30日 采购", "“2月30日 采购”的日期无效"],
    // Every bad step is named, not just the first.
    ["方案 DB-2026-001 采购；12月20日 安装；12月28日", "“采购”缺少日期；“12月28日”缺少节点内容"],
  ])("%s → usage", (text, problem) => {
    expect(parseCommand(normalizeText(text))).toEqual({ type: "usage", command: "方案", problem });
  });

  it.each(["方案已经报上去了", "方案还没定吗", "节点快到了"])("%s is chat", (text) => {
    expect(parseCommand(normalizeText(text))).toBeNull();
  });
});

describe("parseCommand: 节点", () => {
  it.each([
    ["节点 DB-2026-001 2 完成", { type: "milestoneDone", code: "DB-2026-001", seq: 2, note: "" }],
    ["节点 DB-2026-001 2 已完成", { type: "milestoneDone", code: "DB-2026-001", seq: 2, note: "" }],
    ["节点 DB-2026-001 1 完成 设备已到货，验收合格", { type: "milestoneDone", code: "DB-2026-001", seq: 1, note: "设备已到货，验收合格" }],
    ["节点：DB-2026-001，3，已完成：已通过验收", { type: "milestoneDone", code: "DB-2026-001", seq: 3, note: "已通过验收" }],
    ["节点 DB-2026-001 节点2完成", { type: "milestoneDone", code: "DB-2026-001", seq: 2, note: "" }],
    ["节点 DB-2026-001 第2个节点 已完成", { type: "milestoneDone", code: "DB-2026-001", seq: 2, note: "" }],
    ["节点　ＤＢ－２０２６－００１　２　完成", { type: "milestoneDone", code: "DB-2026-001", seq: 2, note: "" }],
  ])("%s", (text, expected) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toEqual(expected);
    expect(commandSchema.parse(cmd)).toEqual(expected);
  });

  it.each([
    ["节点", "缺少问题编号"],
    ["节点 DB-2026-001", "缺少节点序号"],
    ["节点 DB-2026-001 完成", "缺少节点序号"],
    ["节点 DB-2026-001 2", "请写明“完成”"],
    ["节点 DB-2026-001 2 未完成", "请写明“完成”"],
    ["节点 DB-2026-001 0 完成", "节点序号从1开始"],
  ])("%s → usage", (text, problem) => {
    expect(parseCommand(normalizeText(text))).toEqual({ type: "usage", command: "节点", problem });
  });
});

describe("in a unit's group", () => {
  const group = { botName: "督办助手", isPrivate: false, mentionsBot: false, reportingUnitId: 1, codes: new CodeBook([{ code: "DB-2026-001", unitId: 1 }]) };

  it("a plan on several lines is one command, addressed to the bot", () => {
    expect(interpretMessage("方案 DB-2026-001\n12月10日 采购\n12月20日 安装", group)).toMatchObject({
      addressed: true,
      command: plan("DB-2026-001", [{ m: 12, d: 10 }, "采购"], [{ m: 12, d: 20 }, "安装"]),
    });
  });
});

describe("plannedDay: a date of a plan written in chat on 2026-12-01", () => {
  it.each<[string, { y?: number; m: number; d: number; monthEnd?: boolean }, string | null, string | null]>([
    ["the next one", { m: 12, d: 10 }, "2026-12-31", "2026-12-10"],
    ["today", { m: 12, d: 1 }, "2026-12-31", "2026-12-01"],
    ["across the new year", { m: 1, d: 10 }, "2027-03-31", "2027-01-10"],
    ["a step just behind, when the next is past the deadline", { m: 11, d: 28 }, "2026-12-05", "2026-11-28"],
    ["after the deadline stays after it", { m: 12, d: 8 }, "2026-12-05", "2026-12-08"],
    ["not last year's, however near the deadline", { m: 3, d: 1 }, "2026-11-20", "2027-03-01"],
    ["long-term: the next one", { m: 11, d: 30 }, null, "2027-11-30"],
    ["a month's end", { m: 2, d: 28, monthEnd: true }, "2027-03-31", "2027-02-28"],
    ["a year written is taken as written", { y: 2025, m: 12, d: 8 }, "2026-12-05", "2025-12-08"],
    ["no such day next year", { m: 2, d: 29 }, "2027-03-31", null],
  ])("%s", (_name, spec, deadline, expected) => {
    expect(plannedDay(spec, deadline, "2026-12-01")).toBe(expected);
  });
});
