import { STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { cappedLines } from "../format/capped-lines.ts";
import type { KeptValue } from "./keep-newer.ts";
import { formatProblem, type LedgerProblem } from "./ledger-row.ts";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** Fields where the issue's newer state or deadline (set in chat) beat the file's older one. */
  kept: KeptValue[];
}

export type ImportResult =
  | ({ ok: true } & ImportCounts)
  /** `fileError` when the file could not be read at all; `errors` is then empty. */
  | { ok: false; errors: LedgerProblem[]; fileError?: string };

// An old file against a busy store can keep hundreds; the admin needs the first few
// to see why, and the count for the rest.
const KEPT_LINES = 20;

/** The reply an admin reads after importing a ledger. */
export function formatImportResult(result: ImportResult): string {
  if (result.ok) {
    const done = `导入完成：新增 ${result.created} 条，更新 ${result.updated} 条，未变 ${result.unchanged} 条，新建单位 ${result.unitsCreated} 个`;
    // Said only when it happened, so the admin is not left wondering why a re-import
    // "did not take" the file's 未开始 or old deadline; issue by issue, with the reason.
    if (result.kept.length === 0) return done;
    return [
      `${done}；保留 ${result.kept.length} 处督办助手中的较新进展（台账里的旧状态或旧时限未覆盖）：`,
      ...cappedLines(result.kept, KEPT_LINES, keptLine, "处"),
    ].join("\n");
  }
  if (result.fileError) return result.fileError;
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  return [`台账有 ${badRows} 行错误，未导入任何数据：`, ...result.errors.map(formatProblem)].join("\n");
}

function keptLine(k: KeptValue): string {
  if (k.field === "deadline") return `保留 ${k.code} 整改时限 ${k.kept}（已批准延期）`;
  const label = (s: string) => STATE_LABEL[s as IssueState] ?? s;
  return `保留 ${k.code} 整改状态 ${label(k.kept)}（台账为“${label(k.file)}”，状态不回退）`;
}
