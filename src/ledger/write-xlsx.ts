import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { dayToUtcDate } from "./excel-serial.ts";
import type { ExportRow } from "./export-table.ts";
import { COL, EXPORT_COLUMNS } from "./ledger-columns.ts";
import type { LedgerWriter } from "./ledger-writer.ts";
import { REGISTER_COLUMNS, REGISTER_SHEET, type RegisterRow } from "./register-table.ts";

// Wide enough for the usual content without a person resizing every column.
const WIDTH: Partial<Record<string, number>> = {
  [COL.code]: 14,
  [COL.source]: 18,
  [COL.description]: 40,
  [COL.unitName]: 20,
  [COL.coUnits]: 24,
  [COL.deadline]: 12,
  [COL.milestones]: 36,
  [COL.assignedOn]: 12,
  [COL.measures]: 36,
  [COL.lastReport]: 36,
  [COL.lastReportAt]: 17,
};
const REGISTER_WIDTH: Partial<Record<string, number>> = { 编号: 16, 问题编号: 14, 责任单位: 20, 下发日期: 12, 原因: 40 };
const DEADLINE_COL = EXPORT_COLUMNS.indexOf(COL.deadline) + 1;
const ISSUED_COL = REGISTER_COLUMNS.indexOf("下发日期") + 1;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The ledger sheet, then the 督办单 register sheet (never read by import). */
export interface XlsxLedgerWriter extends LedgerWriter<ExportRow> {
  /** Ends the ledger sheet on the first call: rows go to the register from then on. */
  addNotice(row: RegisterRow): Promise<void>;
}

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter["addWorksheet"]>;

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: readonly string[], width: Partial<Record<string, number>>): Sheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: width[c] ?? 10 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return sheet;
}

/**
 * A day as a real date, not text, so Excel sorts and filters it; built from the wall-clock
 * day at UTC midnight because that is how xlsx stores a date, zone-free. Anything else
 * (长期坚持) stays text.
 */
function addDatedRow(sheet: Sheet, r: Record<string, string | number>, dayColumn: string, dayIndex: number): void {
  const day = String(r[dayColumn]);
  const dated = DAY.test(day);
  const row = sheet.addRow({ ...r, [dayColumn]: dated ? dayToUtcDate(day) : day });
  if (dated) row.getCell(dayIndex).numFmt = "yyyy-mm-dd";
  row.commit();
}

/**
 * The ledger as an xlsx, streamed: exceljs's streaming writer sends each committed row
 * on to the zip instead of keeping the whole sheet as cell objects. Text goes in as
 * inline strings, never as formulas.
 */
export async function openXlsxWriter(file: string): Promise<XlsxLedgerWriter> {
  const out = createWriteStream(file);
  await once(out, "open");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ledger = addSheet(workbook, "整改台账", EXPORT_COLUMNS, WIDTH);
  let register: Sheet | undefined;
  // The ledger is committed before the register starts: it stays the first sheet, and
  // its rows are not held while the register is written.
  const registerSheet = (): Sheet => {
    if (!register) {
      ledger.commit();
      register = addSheet(workbook, REGISTER_SHEET, REGISTER_COLUMNS, REGISTER_WIDTH);
    }
    return register;
  };
  let pending = 0;
  // Committed rows wait in memory for the zip; let it catch up now and then.
  const pace = async () => {
    if (++pending < 500) return;
    pending = 0;
    if (out.writableNeedDrain) await once(out, "drain");
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    async add(r) {
      addDatedRow(ledger, r, COL.deadline, DEADLINE_COL);
      await pace();
    },
    async addNotice(r) {
      addDatedRow(registerSheet(), r, "下发日期", ISSUED_COL);
      await pace();
    },
    async close() {
      registerSheet().commit();
      await workbook.commit();
    },
    abort: () => new Promise((resolve) => out.destroy().once("close", resolve)),
  };
}
