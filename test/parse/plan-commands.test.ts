import { describe, expect, it } from "vitest";
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
