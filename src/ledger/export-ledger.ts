import path from "node:path";
import type { ZonedTime } from "../core/zoned-time.ts";
import type { Store } from "../store/open-store.ts";
import { exportRow } from "./export-table.ts";
import { EXPORT_COLUMNS } from "./ledger-columns.ts";
import { LedgerError } from "./ledger-error.ts";
import { writeCsv } from "./write-csv.ts";
import { writeLedgerXlsx } from "./write-xlsx.ts";

export interface ExportOptions {
  zonedTime: ZonedTime;
  now: Date;
}

/**
 * Writes every issue, ordered by code, as a ledger that imports back unchanged
 * (`.xlsx` or `.csv`). Returns the number of issue rows written.
 */
export async function exportLedger(store: Store, file: string, opts: ExportOptions): Promise<number> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".csv") {
    throw new LedgerError(`不支持导出为“${ext || path.basename(file)}”，请使用 .xlsx 或 .csv 文件名`);
  }
  const issues = await store.issue.findMany({ include: { unit: true }, orderBy: { code: "asc" } });
  const today = opts.zonedTime.today(opts.now);
  const rows = issues.map((i) => exportRow(i, opts.zonedTime, today));
  try {
    if (ext === ".csv") await writeCsv(file, EXPORT_COLUMNS, rows.map((r) => EXPORT_COLUMNS.map((c) => r[c])));
    else await writeLedgerXlsx(file, rows);
  } catch (err) {
    throw new LedgerError(`无法写入台账文件：${path.basename(file)}（${(err as Error).message}）`, { cause: err });
  }
  return rows.length;
}
