import { readFile } from "node:fs/promises";
import path from "node:path";
import { LedgerError } from "./ledger-error.ts";
import type { RawSheet } from "./raw-sheet.ts";
import { readCsvBytes } from "./read-csv.ts";
import { readXlsxBytes } from "./read-xlsx.ts";

export type { RawCell, RawRow, RawSheet } from "./raw-sheet.ts";

/**
 * Reads a ledger (`.xlsx` first sheet, or `.csv`) into raw cells. Whatever goes wrong
 * comes out as a LedgerError with a message the admin can act on.
 */
export async function readLedgerFile(file: string): Promise<RawSheet> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xls" || ext === ".et" || ext === ".wps") {
    throw new LedgerError(`不支持 ${ext} 格式的台账，请在 Excel/WPS 中另存为 .xlsx 或 .csv 后再导入`);
  }
  if (ext !== ".xlsx" && ext !== ".csv") {
    throw new LedgerError(`不支持的台账文件类型“${ext || path.basename(file)}”，请使用 .xlsx 或 .csv 文件`);
  }
  try {
    // Read the bytes ourselves so a missing or locked file reports the same way for both.
    const bytes = await readFile(file);
    return ext === ".csv" ? readCsvBytes(bytes) : await readXlsxBytes(bytes);
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    throw new LedgerError(`无法读取台账文件：${path.basename(file)}（${why(err, ext)}）`, { cause: err });
  }
}

function why(err: unknown, ext: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "文件不存在";
  if (code === "EACCES" || code === "EPERM") return "没有读取权限";
  if (code === "EISDIR") return "这是一个文件夹";
  return ext === ".xlsx" ? "文件已损坏或不是有效的 Excel 文件" : "文件已损坏或格式不正确";
}
