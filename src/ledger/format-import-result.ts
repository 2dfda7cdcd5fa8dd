import { formatProblem, type LedgerProblem } from "./ledger-row.ts";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** Fields where the newer state or deadline (set in chat) beat the file's older one. */
  kept: number;
}

export type ImportResult =
  | ({ ok: true } & ImportCounts)
  /** `fileError` when the file could not be read at all; `errors` is then empty. */
  | { ok: false; errors: LedgerProblem[]; fileError?: string };

/** The reply an admin reads after importing a ledger. */
export function formatImportResult(result: ImportResult): string {
  if (result.ok) {
    const done = `导入完成：新增 ${result.created} 条，更新 ${result.updated} 条，未变 ${result.unchanged} 条，新建单位 ${result.unitsCreated} 个`;
    // Said only when it happened, so the admin is not left wondering why a re-import
    // "did not take" the file's 未开始; the plain sentence stays as it always was.
    return result.kept > 0 ? `${done}；保留 ${result.kept} 处督办助手中的较新进展（台账里的旧状态或旧时限未覆盖）` : done;
  }
  if (result.fileError) return result.fileError;
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  return [`台账有 ${badRows} 行错误，未导入任何数据：`, ...result.errors.map(formatProblem)].join("\n");
}
