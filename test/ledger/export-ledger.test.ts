import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportLedger } from "../../src/ledger/export-ledger.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { LedgerError } from "../../src/ledger/ledger-error.ts";
import { readLedgerFile } from "../../src/ledger/read-ledger.ts";
import type { Store } from "../../src/store/open-store.ts";
import { SAMPLE_CSV, tempStore, zt } from "./helpers.ts";

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
// 2026-12-08 07:30 in Shanghai: still 12-07 in UTC, so a zone slip would show.
const now = new Date("2026-12-07T23:30:00Z");

beforeAll(async () => {
  ({ store, dir, cleanup } = await tempStore("ledger-export"));
  const r = await importLedgerFile(store, SAMPLE_CSV, zt, { actor: "管理员", now });
  if (!r.ok) throw new Error("sample did not import");
  // A progress report as the chat handlers would leave it, with text that needs quoting.
  await store.issue.update({
    where: { code: "ZG-2026-003" },
    data: { progressPct: 60, lastReportText: '管网铺设60%，"一期"完成\n二期开工', lastReportAt: new Date("2026-12-01T00:30:00Z") },
  });
  // A description and a co-unit list that a careless CSV writer would break.
  await store.issue.update({ where: { code: "ZG-2026-001" }, data: { description: "废水直排, 异味扰民", coUnits: "区生态环境局、区水利局" } });
  // A construction project that reports daily: 是 must survive the round trip.
  await store.issue.update({ where: { code: "ZG-2026-002" }, data: { dailyReport: true } });
});
afterAll(() => cleanup());

const HEADER = ["编号", "问题来源", "问题类别", "问题描述", "责任单位", "配合单位", "责任领导", "交办日期", "整改时限", "整改节点", "整改措施", "整改状态", "每日报送", "逾期天数", "进度百分比", "最新进度", "进度日期"];

describe("exportLedger", () => {
  it("writes an xlsx with real dates, a bold header and derived columns", async () => {
    const file = path.join(dir, "out.xlsx");
    expect(await exportLedger(store, file, { zonedTime: zt, now })).toBe(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    // A title and an as-of line above the header; 序号 first.
    expect(ws.getCell("A1").value).toBe("整改台账");
    expect(ws.getCell("A2").value).toBe("截至2026年12月8日，共 10 个问题");
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:R1", "A2:R2"]));
    // Narrow columns break their header in two lines, which import reads as one word.
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.filter((h) => String(h).includes("\n"))).toEqual(["问题\n类别", "每日\n报送", "逾期\n天数", "进度\n百分比"]);
    expect(header.map((h) => String(h).replace("\n", ""))).toEqual(["序号", ...HEADER]);
    expect(ws.getRow(3).getCell(2).font?.bold).toBe(true);
    expect(ws.getColumn(5).width).toBeGreaterThan(20);
    expect(ws.rowCount).toBe(13);
    expect(Array.from({ length: 10 }, (_, i) => ws.getRow(i + 4).getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const codes = Array.from({ length: 10 }, (_, i) => ws.getRow(i + 4).getCell(2).value);
    expect(codes).toEqual([...codes].sort());
    // ZG-2026-003: 未开始, deadline 2026-12-05, today 2026-12-08 in the zone → 3 days overdue.
    const r = ws.getRow(6);
    expect(r.getCell(2).value).toBe("ZG-2026-003");
    const col = (name: string) => HEADER.indexOf(name) + 2;
    expect(r.getCell(col("整改时限")).value).toEqual(new Date(Date.UTC(2026, 11, 5)));
    expect(r.getCell(col("整改时限")).numFmt).toBe("yyyy-mm-dd");
    expect(r.getCell(col("整改状态")).value).toBe("未开始");
    expect(r.getCell(col("逾期天数")).value).toBe(3);
    expect(r.getCell(col("进度百分比")).value).toBe(60);
    expect(r.getCell(col("最新进度")).value).toBe('管网铺设60%，"一期"完成\n二期开工');
    expect(r.getCell(col("进度日期")).value).toBe("2026-12-01 08:30");
    expect([ws.getRow(5).getCell(col("每日报送")).value, r.getCell(col("每日报送")).value]).toEqual(["是", null]);
    // Closed and pending issues are never overdue.
    const closed = ws.getRow(13);
    expect([closed.getCell(2).value, closed.getCell(col("整改状态")).value, closed.getCell(col("逾期天数")).value]).toEqual(["ZG-2026-010", "已销号", 0]);
  });

  it("lays the xlsx out to print: borders, wrapping, frozen header, A4 landscape one page wide", async () => {
    const file = path.join(dir, "print.xlsx");
    await exportLedger(store, file, { zonedTime: zt, now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    for (const cell of [ws.getCell("A3"), ws.getCell("R3"), ws.getCell("A4"), ws.getCell("E6"), ws.getCell("R13")]) {
      expect(cell.border).toMatchObject({ top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } });
      expect(cell.alignment?.wrapText).toBe(true);
    }
    expect(ws.getCell("C3").fill).toMatchObject({ type: "pattern", pattern: "solid" });
    // Heights written out from the wrapped text (LibreOffice would clip it): the header's
    // 问题\n类别 takes two lines, as does ZG-2026-003's two-line progress report.
    expect(ws.getRow(3).height).toBe(32);
    expect(ws.getRow(6).height).toBeGreaterThanOrEqual(32);
    for (let r = 4; r <= 13; r++) expect(ws.getRow(r).height).toBeGreaterThanOrEqual(18);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 3 });
    expect(ws.autoFilter).toBe("A3:R3");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3" });
    expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页 共 &N 页");
    // Fitted to the width of A4 landscape, the table must not shrink below about two
    // thirds (10-point text printing at under 7 points): long text wraps instead.
    const { left, right } = ws.pageSetup.margins!;
    const pagePx = (297 / 25.4 - left - right) * 96;
    const tablePx = ws.columns.reduce((sum, c) => sum + Math.trunc((c.width ?? 8) * 7 + 5), 0);
    expect(pagePx / tablePx).toBeGreaterThan(0.65);
  });

  it("reads its own xlsx back below the title lines, 序号 ignored, and a re-import changes nothing", async () => {
    const file = path.join(dir, "titled.xlsx");
    await exportLedger(store, file, { zonedTime: zt, now });
    const sheet = await readLedgerFile(file);
    expect(sheet.headers).toEqual(HEADER);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(sheet.rows[2]!.cells).toMatchObject({ 编号: "ZG-2026-003", 最新进度: '管网铺设60%，"一期"完成\n二期开工' });
    const before = await store.issue.findMany({ orderBy: { code: "asc" } });
    const events = await store.issueEvent.count();
    const result = await importLedgerFile(store, file, zt, { actor: "管理员", now });
    expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 10, unitsCreated: 0, changes: [], kept: [] });
    expect(await store.issueEvent.count()).toBe(events);
    expect(await store.issue.findMany({ orderBy: { code: "asc" } })).toEqual(before);
  });

  it("writes a UTF-8 CSV with a BOM and RFC 4180 quoting", async () => {
    const file = path.join(dir, "out.csv");
    expect(await exportLedger(store, file, { zonedTime: zt, now })).toBe(10);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe("\uFEFF" + HEADER.join(","));
    expect(text).toContain('ZG-2026-001,中央环保督察交办,水,"废水直排, 异味扰民",百胜镇人民政府,区生态环境局、区水利局,');
    expect(text).toContain(',2026-12-05,,更换设备并委托第三方运维,未开始,,3,60,"管网铺设60%，""一期""完成\n二期开工",2026-12-01 08:30\r\n');
    const sheet = await readLedgerFile(file);
    expect(sheet.headers).toEqual(HEADER);
    expect(sheet.rows[2]!.cells["最新进度"]).toBe('管网铺设60%，"一期"完成\n二期开工');
  });

  it.each(["roundtrip.xlsx", "roundtrip.csv"])("re-imports %s with nothing changed", async (name) => {
    const file = path.join(dir, name);
    await exportLedger(store, file, { zonedTime: zt, now });
    const events = await store.issueEvent.count();
    const result = await importLedgerFile(store, file, zt, { actor: "管理员", now });
    expect(result).toEqual({ ok: true, created: 0, updated: 0, unchanged: 10, unitsCreated: 0, changes: [], kept: [] });
    expect(await store.issueEvent.count()).toBe(events);
  });

  it("exports an empty store as just the header", async () => {
    const empty = await tempStore("ledger-export-empty");
    try {
      const file = path.join(empty.dir, "empty.csv");
      expect(await exportLedger(empty.store, file, { zonedTime: zt, now })).toBe(0);
      expect(readFileSync(file, "utf8")).toBe("\uFEFF" + HEADER.join(",") + "\r\n");
    } finally {
      await empty.cleanup();
    }
  });

  it.each(["out.csv", "out.xlsx"])("answers in Chinese for %s in a folder that does not exist, and writes nothing", async (name) => {
    const missing = path.join(dir, "no-such-folder");
    const err = await exportLedger(store, path.join(missing, name), { zonedTime: zt, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).userMessage).toBe(`目录不存在：${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it("answers in Chinese when the target is a folder", async () => {
    mkdirSync(path.join(dir, "taken.csv"));
    const err = await exportLedger(store, path.join(dir, "taken.csv"), { zonedTime: zt, now }).catch((e: unknown) => e);
    expect((err as LedgerError).userMessage).toBe("无法写入台账文件：taken.csv（这是一个文件夹）");
  });

  it("refuses an unknown file type", async () => {
    await expect(exportLedger(store, path.join(dir, "out.pdf"), { zonedTime: zt, now })).rejects.toBeInstanceOf(LedgerError);
  });
});
