import { describe, expect, it } from "vitest";
import { validateLedger } from "../../src/ledger/validate-ledger.ts";
import type { RawCell } from "../../src/ledger/raw-sheet.ts";
import { BASIS, HEADERS, row, sheet } from "./helpers.ts";

/** The day read, `长期` for a long-term one, `立行立改 <day>`, or the reasons. */
function deadlineOf(cell: RawCell): string | string[] {
  const r = validateLedger(sheet([row({ 整改时限: cell })]), BASIS);
  if (!r.ok) return r.errors.map((e) => e.reason);
  const { deadline, immediate } = r.rows[0]!;
  return deadline === null ? "长期" : immediate ? `立行立改 ${deadline}` : deadline;
}

describe("validateLedger: deadlines", () => {
  it.each<[string, RawCell, string]>([
    ["ISO", "2026-12-31", "2026-12-31"],
    ["slashes", "2026/12/31", "2026-12-31"],
    ["dots", "2026.12.31", "2026-12-31"],
    ["Chinese", "2026年12月31日", "2026-12-31"],
    ["Chinese without 日", "2026年12月31", "2026-12-31"],
    ["single digits", "2026-1-5", "2026-01-05"],
    ["single digits, slashes", "2026/1/5", "2026-01-05"],
    ["single digits, Chinese", "2027年3月1日", "2027-03-01"],
    ["spaces around", "  2026-12-31 ", "2026-12-31"],
    ["Excel CSV with time", "2026/12/31 0:00", "2026-12-31"],
    ["full-width digits", "２０２６－１２－３１", "2026-12-31"],
    ["leap day", "2028-02-29", "2028-02-29"],
    ["Excel Date at UTC midnight", new Date(Date.UTC(2026, 11, 31)), "2026-12-31"],
    ["Excel Date with a late time", new Date(Date.UTC(2026, 11, 31, 23, 30)), "2026-12-31"],
    ["Excel Date, early January", new Date(Date.UTC(2027, 0, 1)), "2027-01-01"],
    ["Excel serial", 46387, "2026-12-31"],
    ["Excel serial with a fraction", 46387.75, "2026-12-31"],
    // As offices write them; BASIS.today is 2026-12-01.
    ["month end, before", "2026年12月底前", "2026-12-31"],
    ["month end", "2026年12月底", "2026-12-31"],
    ["month end, February", "2027年2月底前", "2027-02-28"],
    ["month end, leap February", "2028年2月底", "2028-02-29"],
    ["month end, no year", "12月底前", "2026-12-31"],
    ["month end, no year, earlier month", "6月底前", "2026-06-30"],
    ["month end, then 完成", "2027年3月底前完成", "2027-03-31"],
    ["month end, spaced", "2026 年 12 月底前", "2026-12-31"],
    ["year end", "2027年底前", "2027-12-31"],
    ["year end, no year", "年底前", "2026-12-31"],
    ["year end, bare", "年底", "2026-12-31"],
    ["a day, before", "2027年6月30日前", "2027-06-30"],
    ["a day, before, no year", "6月30日前", "2026-06-30"],
    ["a day, no year", "12月20日", "2026-12-20"],
    ["a day, 之前", "2027年1月15日之前", "2027-01-15"],
    ["ISO, before", "2026-12-31前", "2026-12-31"],
    ["full-width", "２０２６年１２月底前", "2026-12-31"],
    ["long-term", "长期坚持", "长期"],
    ["ongoing", "持续整改", "长期"],
    ["long", "长期", "长期"],
    ["long-term, spaced", " 长期 坚持 ", "长期"],
    ["immediate", "立行立改", "立行立改 2026-12-08"],
  ])("%s: %o → %s", (_name, cell, day) => {
    expect(deadlineOf(cell)).toBe(day);
  });

  it.each<[string, RawCell]>([
    ["month 13", "2026-13-01"],
    ["day 32", "2026-12-32"],
    ["Feb 30", "2026-02-30"],
    ["not a leap year", "2026-02-29"],
    ["month 0", "2026-00-10"],
    ["words", "尽快"],
    ["two-digit year", "26-12-31"],
    ["no day", "2026-12"],
    ["garbage after", "2026-12-31后"],
    ["month 13 end", "2026年13月底前"],
    ["day 31 of a 30-day month", "6月31日前"],
    ["half a year", "上半年"],
    ["long-term with more words", "长期坚持，每月巡查"],
    ["tiny serial", 12],
  ])("%s: %o is rejected", (_name, cell) => {
    const reasons = deadlineOf(cell);
    expect(Array.isArray(reasons)).toBe(true);
    expect((reasons as string[])[0]).toMatch(/^整改时限“.*”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）$/);
  });

  it("rejects an invalid Date object", () => {
    expect(deadlineOf(new Date(NaN))).toEqual(["缺少整改时限"]);
  });

  it("quotes the bad date as written", () => {
    expect(deadlineOf("2026-13-01")).toEqual(["整改时限“2026-13-01”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）"]);
  });
});

describe("validateLedger: rows", () => {
  it("normalises fields", () => {
    const r = validateLedger(
      sheet([row({ 编号: " ｚｇ-2026-001 ", 配合单位: "区城管局, 区环保局，区农业农村委、 区水利局;", 责任单位: " 区水利局 " })]), BASIS,
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          code: "ZG-2026-001",
          description: "污水直排",
          unitName: "区水利局",
          deadline: "2026-12-31",
          source: "暗访暗查",
          category: "水",
          coUnits: "区城管局、区环保局、区农业农村委、区水利局",
          leader: "周副区长",
          measures: "截污纳管",
          state: "IN_PROGRESS",
        },
      ],
    });
  });

  it.each<[string, string | null, string | undefined]>([
    ["未开始", "未开始", "NOT_STARTED"],
    ["整改中", "整改中", "IN_PROGRESS"],
    ["待核实", "待核实", "PENDING_VERIFICATION"],
    ["已销号", "已销号", "CLOSED"],
    ["synonym 推进中", "推进中", "IN_PROGRESS"],
    ["synonym 已办结", "已办结", "CLOSED"],
    ["padded", " 已销号 ", "CLOSED"],
    ["empty cell", "", undefined],
    ["null cell", null, undefined],
  ])("state %s", (_n, cell, state) => {
    const r = validateLedger(sheet([row({ 整改状态: cell })]), BASIS);
    expect(r.ok && r.rows[0]!.state).toBe(state);
  });

  it("leaves the state undefined when the column is absent", () => {
    const headers = HEADERS.filter((h) => h !== "整改状态");
    const r = validateLedger(sheet([row({}, headers)], headers), BASIS);
    expect(r.ok && r.rows[0]!.state).toBeUndefined();
  });

  describe("每日报送", () => {
    const headers = [...HEADERS, "每日报送"];
    it.each<[RawCell, boolean]>([
      ["是", true],
      ["Y", true],
      ["yes", true],
      ["√", true],
      [1, true],
      ["TRUE", true],
      ["否", false],
      ["n", false],
      ["No", false],
      [0, false],
      ["", false],
      [null, false],
    ])("%s → %s", (cell, daily) => {
      const r = validateLedger(sheet([row({ 每日报送: cell }, headers)], headers), BASIS);
      expect(r.ok && r.rows[0]!.dailyReport).toBe(daily);
    });

    it("reports anything else with its row number", () => {
      const r = validateLedger(sheet([row({}, headers), row({ 编号: "ZG-2026-002", 每日报送: "每天" }, headers)], headers), BASIS);
      expect(r).toEqual({ ok: false, errors: [{ row: 3, reason: "每日报送“每天”无法识别（应为 是 或 否，空白为否）" }] });
    });

    it("is left undefined when the column is absent", () => {
      const r = validateLedger(sheet([row()]), BASIS);
      expect(r.ok && "dailyReport" in r.rows[0]!).toBe(false);
    });
  });

  it("ignores columns it does not know, e.g. the export's extra ones", () => {
    const headers = [...HEADERS, "逾期天数", "最新进度", "进度日期", "备注"];
    const r = validateLedger(sheet([row({ 逾期天数: 3, 最新进度: "x", 进度日期: "乱写", 备注: "y" }, headers)], headers), BASIS);
    expect(r.ok).toBe(true);
  });

  it("reads a code cell holding a number as text (then rejected: the chat cannot address it)", () => {
    const r = validateLedger(sheet([row({ 编号: 17 })]), BASIS);
    expect(r).toEqual({ ok: false, errors: [{ row: 2, reason: "编号“17”无法在群里使用，应为字母开头加数字，如 ZG-2026-001" }] });
  });

  it("accepts a sheet with no data rows", () => {
    expect(validateLedger(sheet([]), BASIS)).toEqual({ ok: true, rows: [] });
  });
});

describe("validateLedger: errors", () => {
  it.each<[string, string[]]>([
    ["编号", ["编号"]],
    ["问题描述", ["问题描述"]],
    ["责任单位", ["责任单位"]],
    ["整改时限", ["整改时限"]],
  ])("a missing %s header is named, at row 1", (missing) => {
    const headers = HEADERS.filter((h) => h !== missing);
    const r = validateLedger(sheet([row({}, headers)], headers), BASIS);
    expect(r).toEqual({ ok: false, errors: [{ row: 1, reason: `缺少表头“${missing}”` }] });
  });

  it("names every missing header", () => {
    const r = validateLedger(sheet([], ["问题来源"]), BASIS);
    expect(r.ok === false && r.errors.map((e) => e.reason)).toEqual([
      "缺少表头“编号”",
      "缺少表头“问题描述”",
      "缺少表头“责任单位”",
      "缺少表头“整改时限”",
    ]);
  });

  it.each<[string, string]>([
    ["编号", "缺少编号"],
    ["问题描述", "缺少问题描述"],
    ["责任单位", "缺少责任单位"],
    ["整改时限", "缺少整改时限"],
  ])("an empty %s is reported", (header, reason) => {
    for (const empty of ["", "   ", null]) {
      const r = validateLedger(sheet([row(), row({ 编号: "ZG-2026-002", [header]: empty })]), BASIS);
      expect(r).toEqual({ ok: false, errors: [{ row: 3, reason }] });
    }
  });

  it.each<[string, string | number]>([
    ["digits only", "1"],
    ["letters only", "ZG"],
    ["a space inside", "ZG 2026-001"],
    ["a Chinese prefix", "环-2026-001"],
    ["too many groups", "ZG-2026-1-2-3-4"],
    ["a prefix of nine letters", "ABCDEFGHI-1"],
    ["a trailing letter", "ZG-2026-001A"],
  ])("rejects a code the chat cannot address: %s", (_n, code) => {
    const r = validateLedger(sheet([row({ 编号: code })]), BASIS);
    expect(r).toEqual({ ok: false, errors: [{ row: 2, reason: `编号“${code}”无法在群里使用，应为字母开头加数字，如 ZG-2026-001` }] });
  });

  it.each<[string, string]>([
    ["ZG-2026-001", "ZG-2026-001"],
    ["zg2026-12", "ZG2026-12"],
    ["HB_01", "HB_01"],
    ["ｚｇ－２０２６－００１", "ZG-2026-001"],
    ["ZG-2026-1-2-3", "ZG-2026-1-2-3"],
  ])("accepts the code %j as the chat reads it", (code, stored) => {
    const r = validateLedger(sheet([row({ 编号: code })]), BASIS);
    expect(r.ok && r.rows[0]!.code).toBe(stored);
  });

  it("reports a duplicate code against its first row, after normalising", () => {
    const r = validateLedger(
      sheet([row(), row({ 编号: "ZG-2026-002" }), row({ 编号: "ZG-2026-003" }), row({ 编号: "zg-2026-001 " })]), BASIS,
    );
    expect(r).toEqual({ ok: false, errors: [{ row: 5, reason: "编号 ZG-2026-001 与第2行重复" }] });
  });

  it("reports an unknown state with the allowed ones", () => {
    const r = validateLedger(sheet([row(), row({ 编号: "B-1" }), row({ 编号: "C-1" }), row({ 编号: "D-1" }), row({ 编号: "E-1", 整改状态: "进行吧" })]), BASIS);
    expect(r).toEqual({
      ok: false,
      errors: [{ row: 6, reason: "整改状态“进行吧”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）" }],
    });
  });

  it("reports every bad row and every reason of each", () => {
    const r = validateLedger(
      sheet([
        row(),
        row({ 编号: "B-1", 责任单位: "" }),
        row({ 编号: "C-1", 整改时限: "2026-13-01" }),
        row({ 编号: "ZG-2026-001" }),
        row({ 编号: "E-1", 整改状态: "进行吧" }),
        row({ 编号: "", 问题描述: "", 责任单位: null, 整改时限: "明年", 整改状态: "?" }),
        row({ 编号: "G-1" }),
      ]), BASIS,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 3, reason: "缺少责任单位" },
        { row: 4, reason: "整改时限“2026-13-01”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）" },
        { row: 5, reason: "编号 ZG-2026-001 与第2行重复" },
        { row: 6, reason: "整改状态“进行吧”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）" },
        { row: 7, reason: "缺少编号" },
        { row: 7, reason: "缺少问题描述" },
        { row: 7, reason: "缺少责任单位" },
        { row: 7, reason: "整改时限“明年”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）" },
        { row: 7, reason: "整改状态“?”无法识别（应为 未开始/整改中/待核实/已销号，也可写 推进中、已完成、销号 等）" },
      ],
    });
  });

  it("uses the row numbers the reader gave, not positions", () => {
    const s = sheet([row(), row({ 编号: "B-1", 问题描述: "" })]);
    s.rows[1]!.rowNumber = 9;
    expect(validateLedger(s, BASIS)).toEqual({ ok: false, errors: [{ row: 9, reason: "缺少问题描述" }] });
  });
});
