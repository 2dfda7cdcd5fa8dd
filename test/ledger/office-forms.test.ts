import { describe, expect, it } from "vitest";
import { envSchema } from "../../src/config/load-config.ts";
import { DEFAULT_IMMEDIATE_DAYS } from "../../src/ledger/import-ledger.ts";
import { formatMilestones } from "../../src/format/format-milestones.ts";
import { parseMilestones } from "../../src/ledger/ledger-milestones.ts";
import { ledgerColumn } from "../../src/ledger/normalize-header.ts";
import { validateLedger } from "../../src/ledger/validate-ledger.ts";
import { BASIS, HEADERS, row, sheet } from "./helpers.ts";

// The forms real office ledgers use (README, Ledger files). BASIS.today is 2026-12-01.

describe("header spellings", () => {
  it.each<[string, string]>([
    ["编号", "编号"],
    ["问题编号", "编号"],
    ["问题", "问题描述"],
    ["问题内容", "问题描述"],
    ["存在问题", "问题描述"],
    ["牵头单位", "责任单位"],
    ["责任部门", "责任单位"],
    ["主体责任单位", "责任单位"],
    ["完成时限", "整改时限"],
    ["整改期限", "整改时限"],
    ["完成时间", "整改时限"],
    ["分管领导", "责任领导"],
    ["牵头领导", "责任领导"],
    ["状态", "整改状态"],
    ["完成情况", "整改状态"],
    ["整改\n时限", "整改时限"],
    ["责任\r\n单位", "责任单位"],
    [" 问 题 编 号 ", "编号"],
    ["\uFEFF编号", "编号"],
    ["整改节点", "整改节点"],
    ["交办日期", "交办日期"],
    ["序号", ""],
    ["序 号", ""],
    ["备注", "备注"],
    ["ＡＢＣ", "ABC"],
  ])("%o → %o", (header, column) => {
    expect(ledgerColumn(header)).toBe(column);
  });
});

describe("states", () => {
  const stateOf = (text: string) => {
    const r = validateLedger(sheet([row({ 整改状态: text })]), BASIS);
    return r.ok ? r.rows[0]!.state : r.errors.map((e) => e.reason);
  };

  it.each<[string, string | undefined]>([
    ["未开始", "NOT_STARTED"],
    ["未启动", "NOT_STARTED"],
    ["未整改", "NOT_STARTED"],
    ["整改中", "IN_PROGRESS"],
    ["推进中", "IN_PROGRESS"],
    ["正在整改", "IN_PROGRESS"],
    ["进行中", "IN_PROGRESS"],
    ["序时推进", "IN_PROGRESS"],
    ["完成", "PENDING_VERIFICATION"],
    ["已完成", "PENDING_VERIFICATION"],
    ["已整改", "PENDING_VERIFICATION"],
    ["整改完成", "PENDING_VERIFICATION"],
    ["待核实", "PENDING_VERIFICATION"],
    ["完成待核实", "PENDING_VERIFICATION"],
    ["销号", "CLOSED"],
    ["已销号", "CLOSED"],
    ["已办结", "CLOSED"],
    [" 完成 ", "PENDING_VERIFICATION"],
    ["", undefined],
  ])("%o → %s", (text, state) => {
    expect(stateOf(text)).toBe(state);
  });

  it("refuses an unknown state, naming the accepted ones", () => {
    expect(stateOf("差不多")).toEqual(["整改状态“差不多”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）"]);
  });
});

describe("整改节点", () => {
  const parse = (cell: string, deadline: string | null = "2026-12-31") => parseMilestones(cell, deadline, BASIS.today);

  it.each<[string, string, string | null, [string, string, boolean][]]>([
    ["full-width ；", "12月10日 完成设备采购；12月20日 安装调试", "2026-12-31", [["2026-12-10", "完成设备采购", false], ["2026-12-20", "安装调试", false]]],
    ["ASCII ;", "12月10日 完成设备采购;12月20日 安装调试", "2026-12-31", [["2026-12-10", "完成设备采购", false], ["2026-12-20", "安装调试", false]]],
    ["line breaks", "12月10日 完成设备采购\r\n12月20日 安装调试\n", "2026-12-31", [["2026-12-10", "完成设备采购", false], ["2026-12-20", "安装调试", false]]],
    ["out of order: date order", "12月20日 安装调试；12月10日 完成设备采购", "2026-12-31", [["2026-12-10", "完成设备采购", false], ["2026-12-20", "安装调试", false]]],
    ["no space after the date", "12月10日完成设备采购", "2026-12-31", [["2026-12-10", "完成设备采购", false]]],
    ["号 and a colon", "12月10号：完成设备采购", "2026-12-31", [["2026-12-10", "完成设备采购", false]]],
    ["ISO and Chinese with a year", "2026-12-10 采购；2027年1月5日 验收", "2027-03-31", [["2026-12-10", "采购", false], ["2027-01-05", "验收", false]]],
    // No year: the one on or before the deadline.
    ["no year, across the new year", "11月20日 排查；1月10日 安装", "2027-01-31", [["2026-11-20", "排查", false], ["2027-01-10", "安装", false]]],
    ["done marks", "11月30日 排查泄漏点（已完成）；12月15日 安装在线监测(已完成)", "2026-12-31", [["2026-11-30", "排查泄漏点", true], ["2026-12-15", "安装在线监测", true]]],
    ["full-width digits, text kept as written", "１２月１０日 采购（Ａ型）设备", "2026-12-31", [["2026-12-10", "采购（Ａ型）设备", false]]],
    ["long-term: the import's year", "12月10日 第一次巡查", null, [["2026-12-10", "第一次巡查", false]]],
    ["a month's end", "11月底 完成排查；2026年12月底 验收", "2026-12-31", [["2026-11-30", "完成排查", false], ["2026-12-31", "验收", false]]],
    ["a 前 after the date is the date's", "12月10日前完成设备采购", "2026-12-31", [["2026-12-10", "完成设备采购", false]]],
    ["but 前期 is the text's", "12月10日前期准备", "2026-12-31", [["2026-12-10", "前期准备", false]]],
    ["empty", "", "2026-12-31", []],
    ["only separators", "；\n;", "2026-12-31", []],
  ])("%s", (_name, cell, deadline, expected) => {
    const { milestones, problems } = parse(cell, deadline);
    expect(problems).toEqual([]);
    expect(milestones.map((m) => [m.due, m.text, m.done])).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ["no date", "完成设备采购", "整改节点“完成设备采购”应以日期开头，如“12月10日 完成设备采购”"],
    ["no such day", "2月30日 采购", "整改节点“2月30日 采购”的日期无效"],
    ["no text", "12月10日", "整改节点“12月10日”缺少内容"],
    ["after the deadline", "2027年1月10日 验收", "整改节点“2027年1月10日 验收”晚于整改时限（2026年12月31日）"],
    ["year out of range", "2201年1月1日 验收", "整改节点“2201年1月1日 验收”的日期无效"],
  ])("refuses %s, with the reason", (_name, cell, reason) => {
    expect(parse(cell).problems).toEqual([reason]);
  });

  it("a 交办日期 that is a date but out of range says so", () => {
    const headers = [...HEADERS, "交办日期"];
    const r = validateLedger(sheet([row({ 交办日期: "1999-01-01" }, headers)], headers), BASIS);
    expect(r).toEqual({ ok: false, errors: [{ row: 2, reason: expect.stringMatching(/^交办日期“1999-01-01”超出范围，应在2000年1月1日至/) }] });
  });

  it("is a row error in the ledger, every bad step listed", () => {
    const headers = [...HEADERS, "整改节点"];
    const r = validateLedger(sheet([row({ 整改节点: "采购；12月10日 安装；2027年2月1日 验收" }, headers)], headers), BASIS);
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 2, reason: "整改节点“采购”应以日期开头，如“12月10日 完成设备采购”" },
        { row: 2, reason: "整改节点“2027年2月1日 验收”晚于整改时限（2026年12月31日）" },
      ],
    });
  });

  it.each<[string, string | null, { due: string; text: string; done: boolean }[], string]>([
    ["in the deadline's year", "2026-12-31", [{ due: "2026-12-10", text: "采购", done: false }, { due: "2026-12-20", text: "安装", done: true }], "12月10日 采购；12月20日 安装（已完成）"],
    ["across the new year", "2027-01-31", [{ due: "2026-11-20", text: "排查", done: true }, { due: "2027-01-10", text: "安装", done: false }], "11月20日 排查（已完成）；1月10日 安装"],
    ["more than a year before", "2027-12-31", [{ due: "2026-11-20", text: "排查", done: false }], "2026年11月20日 排查"],
    ["long-term", null, [{ due: "2026-12-10", text: "巡查", done: false }], "2026年12月10日 巡查"],
  ])("export writes them %s so they read back the same", (_name, deadline, milestones, cell) => {
    expect(formatMilestones(milestones, deadline)).toBe(cell);
    expect(parseMilestones(cell, deadline, "2030-06-01").milestones).toEqual(milestones);
  });
});

it("立行立改 without a config counts the days DUBAN_IMMEDIATE_DAYS defaults to", () => {
  expect(DEFAULT_IMMEDIATE_DAYS).toBe(envSchema.shape.DUBAN_IMMEDIATE_DAYS.parse(undefined));
});
