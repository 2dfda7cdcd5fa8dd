import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { excelCellValue } from "./excel-cell.ts";
import { LedgerError } from "./ledger-error.ts";
import type { RawCell } from "./raw-sheet.ts";
import type { SheetRow } from "./sheet-rows.ts";

/**
 * The rows of an xlsx file's first sheet (as the tabs show it), streamed: exceljs's
 * whole-workbook loader holds every cell as an object, several times the file's size
 * in memory. Shared strings are cached, as they must be to resolve cells.
 */
export async function* readXlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  for await (const sheet of reader) {
    // exceljs's typings lack the id it reads from workbook.xml, and the model.
    const first = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.[0];
    if (first && (sheet as unknown as { id: number }).id !== first.id) continue;
    for await (const row of sheet) {
      const values: RawCell[] = [];
      for (let col = 1; col <= row.cellCount; col++) {
        const cell = row.getCell(col);
        values.push(excelCellValue(cell.value, cell.numFmt));
      }
      yield { rowNumber: row.number, values };
    }
    return;
  }
  throw new LedgerError("台账文件中没有工作表");
}
