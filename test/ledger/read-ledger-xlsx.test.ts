import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { LedgerError } from "../../src/ledger/ledger-error.ts";
import { readLedgerFile } from "../../src/ledger/read-ledger.ts";
import { validateLedger } from "../../src/ledger/validate-ledger.ts";
import { tempDir, zt, BASIS } from "./helpers.ts";

const dir = tempDir("ledger-xlsx");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeWorkbook(name: string, fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("台账"), wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("readLedgerFile: xlsx", () => {
  it("reads text, Date cells, serial numbers, rich text, links and formulas", async () => {
    const file = await writeWorkbook("cells.xlsx", (ws) => {
      ws.addRow(["编号", " 问题描述 ", "责任单位", "整改时限", "整改状态", "进度百分比"]);
      ws.addRow(["ZG-2026-001", "废水直排", "百胜镇人民政府", new Date(Date.UTC(2026, 10, 20)), "整改中", 30]);
      ws.addRow(["ZG-2026-002", { richText: [{ text: "雨污", font: { bold: true } }, { text: "混流" }] }, "区住房城乡建委", 46387, "未开始", null]);
      ws.addRow([
        { text: "ZG-2026-003", hyperlink: "https://example.org/3" },
        { formula: 'CONCAT("噪声","扰民")', result: "噪声扰民" },
        "区城市管理局",
        { formula: "DATE(2027,1,15)", result: new Date(Date.UTC(2027, 0, 15)) },
        "待核实",
        { formula: "1+1", result: 2 },
      ]);
    });
    const sheet = await readLedgerFile(file);
    expect(sheet.headers).toEqual(["编号", "问题描述", "责任单位", "整改时限", "整改状态", "进度百分比"]);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(sheet.rows[1]!.cells["问题描述"]).toBe("雨污混流");
    expect(sheet.rows[1]!.cells["整改时限"]).toBe(46387);
    expect(sheet.rows[2]!.cells["编号"]).toBe("ZG-2026-003");
    expect(sheet.rows[2]!.cells["问题描述"]).toBe("噪声扰民");
    expect(sheet.rows[2]!.cells["进度百分比"]).toBe(2);
    const checked = validateLedger(sheet, BASIS);
    expect(checked.ok && checked.rows.map((r) => [r.code, r.deadline, r.state])).toEqual([
      ["ZG-2026-001", "2026-11-20", "IN_PROGRESS"],
      ["ZG-2026-002", "2026-12-31", "NOT_STARTED"],
      ["ZG-2026-003", "2027-01-15", "PENDING_VERIFICATION"],
    ]);
  });

  it("turns a number shown with a date format into a date", async () => {
    const file = await writeWorkbook("numfmt.xlsx", (ws) => {
      ws.addRow(["编号", "问题描述", "责任单位", "整改时限"]);
      ws.addRow(["A-1", "x", "y", 46387]);
      ws.getCell("D2").numFmt = 'yyyy"年"m"月"d"日"';
    });
    const sheet = await readLedgerFile(file);
    const checked = validateLedger(sheet, BASIS);
    expect(checked.ok && checked.rows[0]!.deadline).toBe("2026-12-31");
  });

  it("skips empty rows and reports the row numbers the sheet shows", async () => {
    const file = await writeWorkbook("gaps.xlsx", (ws) => {
      ws.addRow(["编号", "问题描述", "责任单位", "整改时限"]);
      ws.getRow(3).values = ["A-1", "x", "y", "2026-12-01"];
      ws.getRow(5).values = ["", "  ", null, null];
      ws.getRow(7).values = ["A-2", "x", "", "2026-13-01"];
    });
    const checked = validateLedger(await readLedgerFile(file), BASIS);
    expect(checked).toEqual({
      ok: false,
      errors: [
        { row: 7, reason: "缺少责任单位" },
        { row: 7, reason: "整改时限“2026-13-01”不是有效日期（可写 2026-12-31、2026年12月底前、年底前、6月30日前、长期坚持 或 立行立改）" },
      ],
    });
  });

  it("reads only the first worksheet", async () => {
    const file = await writeWorkbook("two.xlsx", (ws, wb) => {
      ws.addRow(["编号", "问题描述", "责任单位", "整改时限"]);
      ws.addRow(["A-1", "x", "y", "2026-12-01"]);
      wb.addWorksheet("说明").addRow(["别读我"]);
    });
    expect((await readLedgerFile(file)).rows).toHaveLength(1);
  });

  it("turns a corrupt file into a LedgerError", async () => {
    const file = path.join(dir, "broken.xlsx");
    writeFileSync(file, "this is not a zip file");
    const err = await readLedgerFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).userMessage).toBe("无法读取台账文件：broken.xlsx（文件已损坏或不是有效的 Excel 文件）");
  });
});
