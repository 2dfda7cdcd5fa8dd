import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { dayToUtcDate } from "./excel-serial.ts";
import type { ExportRow } from "./export-table.ts";
import { COL, EXPORT_COLUMNS } from "./ledger-columns.ts";
import type { LedgerWriter } from "./ledger-writer.ts";

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
const DEADLINE_COL = EXPORT_COLUMNS.indexOf(COL.deadline) + 1;

/**
 * The ledger as an xlsx, streamed: exceljs's streaming writer sends each committed row
 * on to the zip instead of keeping the whole sheet as cell objects. Text goes in as
 * inline strings, never as formulas.
 */
export async function openXlsxWriter(file: string): Promise<LedgerWriter<ExportRow>> {
  const out = createWriteStream(file);
  await once(out, "open");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("整改台账", {
    views: [{ state: "frozen", ySplit: 1 }],
    autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.columns = EXPORT_COLUMNS.map((name) => ({ header: name, key: name, width: WIDTH[name] ?? 10 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let pending = 0;
  return {
    async add(r) {
      // A real date, not text, so Excel sorts and filters it; built from the wall-clock
      // day at UTC midnight because that is how xlsx stores a date, zone-free.
      // A long-term issue's 长期坚持 stays the words.
      const deadline = String(r[COL.deadline]);
      const isDay = /^\d{4}-\d{2}-\d{2}$/.test(deadline);
      const row = sheet.addRow({ ...r, [COL.deadline]: isDay ? dayToUtcDate(deadline) : deadline });
      if (isDay) row.getCell(DEADLINE_COL).numFmt = "yyyy-mm-dd";
      row.commit();
      // Committed rows wait in memory for the zip; let it catch up now and then.
      if (++pending === 500) {
        pending = 0;
        if (out.writableNeedDrain) await once(out, "drain");
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
    abort: () => new Promise((resolve) => out.destroy().once("close", resolve)),
  };
}
