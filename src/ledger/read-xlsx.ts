import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { excelCellValue } from "./excel-cell.ts";
import { LedgerError } from "./ledger-error.ts";
import type { RawCell } from "./raw-sheet.ts";
import type { SheetRow } from "./sheet-rows.ts";

// What exceljs's streaming reader holds beyond its typings.
interface ReaderInternals {
  sharedStrings?: unknown[];
  model?: { sheets?: { id: number }[] };
}

/**
 * The rows of an xlsx file's first sheet (as the tabs show it), streamed: exceljs's
 * whole-workbook loader holds every cell as an object, several times the file's size
 * in memory.
 */
export async function* readXlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const internals = reader as unknown as ReaderInternals;
  for await (const sheet of reader) {
    const first = internals.model?.sheets?.[0];
    if (first && String((sheet as unknown as { id: unknown }).id) !== String(first.id)) continue;
    ownSharedStrings(internals.sharedStrings);
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

/**
 * exceljs keeps each shared string as a slice of the XML text it was parsed from, so
 * the table holds all of that XML, twice its text's size or more; copies hold only
 * the text. (Read by then: a sheet stored before the table in the zip is parsed after it.)
 */
function ownSharedStrings(strings: unknown[] | undefined): void {
  if (!strings) return;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (typeof s === "string") strings[i] = Buffer.from(s, "utf8").toString("utf8");
  }
}
