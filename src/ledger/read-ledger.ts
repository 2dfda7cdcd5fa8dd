import { stat } from "node:fs/promises";
import path from "node:path";
import { LedgerError } from "./ledger-error.ts";
import type { RawRow, RawSheet } from "./raw-sheet.ts";
import { readCsvRows } from "./read-csv.ts";
import { readXlsxRows } from "./read-xlsx.ts";
import { REQUIRED_COLUMNS } from "./ledger-columns.ts";
import { headerColumns, isBlankRow, sheetColumns, type SheetRow } from "./sheet-rows.ts";

export type { RawCell, RawRow, RawSheet } from "./raw-sheet.ts";

/** A ledger being read: its headers, then its rows one by one. */
export interface LedgerStream {
  headers: string[];
  rows: AsyncIterable<RawRow>;
}

// Excel's "Unicode text" is saved as .txt, tab-separated; .tsv is the same.
const TEXT_EXTENSIONS = new Set([".csv", ".txt", ".tsv"]);

// Office ledgers put a title, a date line or a note above the header; never this many.
const HEADER_SEARCH_ROWS = 10;
const REQUIRED_TEXT = REQUIRED_COLUMNS.join("、");

/**
 * Opens a ledger (`.xlsx` first sheet, or `.csv`) and reads up to its header; the rows
 * follow as they are read, so a big file is never wholly in memory. The header is the
 * first line within the first ten that holds every required column (in any of its
 * spellings): a title and a date line above it are skipped, and row numbers stay the
 * spreadsheet's. Whatever goes wrong, now or while the rows are read, comes out as a
 * LedgerError with a message the admin can act on.
 */
export async function openLedgerFile(file: string): Promise<LedgerStream> {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xls" || ext === ".et" || ext === ".wps") {
    throw new LedgerError(`不支持 ${ext} 格式的台账，请在 Excel/WPS 中另存为 .xlsx 或 .csv 后再导入`);
  }
  if (ext !== ".xlsx" && !TEXT_EXTENSIONS.has(ext)) {
    throw new LedgerError(`不支持的台账文件类型“${ext || path.basename(file)}”，请使用 .xlsx 或 .csv 文件`);
  }
  const fail = (err: unknown): LedgerError =>
    err instanceof LedgerError ? err : new LedgerError(`无法读取台账文件：${path.basename(file)}（${why(err, ext)}）`, { cause: err });
  const empty = () => new LedgerError(`台账文件是空的：${path.basename(file)}（第一行应为表头：${REQUIRED_TEXT}）`);
  let lines: AsyncGenerator<SheetRow>;
  let header: SheetRow;
  try {
    // Stat first so a missing or locked file reports the same way for both kinds.
    if ((await stat(file)).size === 0) throw empty();
    lines = ext === ".xlsx" ? readXlsxRows(file) : readCsvRows(file);
    header = await findHeader(lines, empty);
  } catch (err) {
    throw fail(err);
  }
  const { headers, duplicate, toRawRow } = sheetColumns(header.values);
  if (duplicate) {
    const [a, b] = duplicate;
    const what = a === b ? `有两列“${a}”` : `“${a}”和“${b}”都是${headerColumns([a])[0]}列`;
    await lines.return(undefined);
    throw new LedgerError(`第${header.rowNumber}行表头中${what}，请删去或改名其中一列后再导入`);
  }
  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for await (const line of lines) {
        const row = toRawRow(line);
        if (row) yield row;
      }
    } catch (err) {
      throw fail(err);
    }
  }
  return { headers, rows: rows() };
}

/** A whole ledger in memory: for small files and tests; imports stream (openLedgerFile). */
export async function readLedgerFile(file: string): Promise<RawSheet> {
  const { headers, rows } = await openLedgerFile(file);
  const all: RawRow[] = [];
  for await (const row of rows) all.push(row);
  return { headers, rows: all };
}

/** The header row, or an error naming what the likeliest line lacks. */
async function findHeader(lines: AsyncGenerator<SheetRow>, empty: () => LedgerError): Promise<SheetRow> {
  let best: { row: SheetRow; missing: string[] } | undefined;
  for (;;) {
    const next = await lines.next();
    if (next.done || next.value.rowNumber > HEADER_SEARCH_ROWS) break;
    if (isBlankRow(next.value.values)) continue;
    const columns = headerColumns(next.value.values);
    const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length === 0) return next.value;
    if (!best || missing.length < best.missing.length) best = { row: next.value, missing };
  }
  await lines.return(undefined);
  if (!best) throw empty();
  const lacks = best.missing.map((c) => `“${c}”`).join("");
  throw new LedgerError(
    `找不到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时含有${REQUIRED_TEXT}（最接近的是第${best.row.rowNumber}行，缺少${lacks}）；请检查表头的写法`,
  );
}

function why(err: unknown, ext: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "文件不存在";
  if (code === "EACCES" || code === "EPERM") return "没有读取权限";
  if (code === "EISDIR") return "这是一个文件夹";
  if (code === "EBUSY") return "文件正被其他程序占用，请先关闭它";
  return ext === ".xlsx" ? "文件已损坏或不是有效的 Excel 文件" : "文件已损坏或格式不正确";
}
