import ExcelJS from "exceljs";
import { buildRawSheet } from "./build-raw-sheet.ts";
import { excelCellValue } from "./excel-cell.ts";
import { LedgerError } from "./ledger-error.ts";
import type { RawCell, RawSheet } from "./raw-sheet.ts";

/** The first worksheet of an xlsx file; the header is row 1. */
export async function readXlsxBytes(bytes: Buffer): Promise<RawSheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate Buffer becoming generic in @types/node.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LedgerError("台账文件中没有工作表");
  const width = sheet.getRow(1).cellCount;
  const rowValues = (row: ExcelJS.Row): RawCell[] => {
    const values: RawCell[] = [];
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      values.push(excelCellValue(cell.value, cell.numFmt));
    }
    return values;
  };
  const body: { rowNumber: number; values: RawCell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > 1) body.push({ rowNumber, values: rowValues(row) });
  });
  return buildRawSheet(rowValues(sheet.getRow(1)), body);
}
