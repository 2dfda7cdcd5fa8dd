import ExcelJS from "exceljs";
import { dayToUtcDate } from "./excel-serial.ts";
import { COL, EXPORT_COLUMNS } from "./ledger-columns.ts";
import type { ExportRow } from "./export-table.ts";

// Wide enough for the usual content without a person resizing every column.
const WIDTH: Partial<Record<string, number>> = {
  [COL.code]: 14,
  [COL.source]: 18,
  [COL.description]: 40,
  [COL.unitName]: 20,
  [COL.coUnits]: 24,
  [COL.deadline]: 12,
  [COL.measures]: 36,
  [COL.lastReport]: 36,
  [COL.lastReportAt]: 17,
};

export async function writeLedgerXlsx(file: string, rows: ExportRow[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("整改台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((name) => ({ header: name, key: name, width: WIDTH[name] ?? 10 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(COL.deadline).numFmt = "yyyy-mm-dd";
  // A real date, not text, so Excel sorts and filters it; built from the wall-clock
  // day at UTC midnight because that is how xlsx stores a date, zone-free.
  sheet.addRows(rows.map((r) => ({ ...r, [COL.deadline]: dayToUtcDate(String(r[COL.deadline])) })));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  await workbook.xlsx.writeFile(file);
}
