import { STATE_LABEL, type IssueState } from "../domain/issue-state.ts";
import { cappedLines } from "../format/capped-lines.ts";
import { LONG_TERM } from "../format/issue-status.ts";
import type { KeptValue } from "./keep-newer.ts";
import { formatProblem, type LedgerProblem } from "./ledger-row.ts";

/** What an import changed on one existing issue, as its history records it. */
export interface IssueChange {
  code: string;
  text: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  /** The first updated issues (up to REPORT_LINES), for the reply; `updated` counts all. */
  changes: IssueChange[];
  /** Fields where the issue's newer state or deadline (set in chat) beat the file's older one. */
  kept: KeptValue[];
}

export type ImportResult =
  | ({ ok: true } & ImportCounts)
  /** `fileError` when the file could not be read at all; `errors` is then empty. */
  | { ok: false; errors: LedgerProblem[]; fileError?: string };

// An old file against a busy store can change or keep hundreds; the admin needs the
// first few to see what happened, and the count for the rest.
export const REPORT_LINES = 20;

/** The reply an admin reads after importing a ledger. */
export function formatImportResult(result: ImportResult): string {
  if (result.ok) {
    const lines = [`导入完成：新增 ${result.created} 条，更新 ${result.updated} 条，未变 ${result.unchanged} 条，新建单位 ${result.unitsCreated} 个`];
    // Issue by issue, so the admin sees what the file did and why a re-import "did not
    // take" the file's 未开始 or old deadline.
    if (result.updated > 0) {
      lines.push("更新：", ...result.changes.map((c) => `${c.code}：${c.text}`));
      if (result.updated > result.changes.length) lines.push(`……另有 ${result.updated - result.changes.length} 条`);
    }
    if (result.kept.length > 0) {
      lines.push(`保留 ${result.kept.length} 处督办助手中的较新进展（台账里的旧状态或旧时限未覆盖）：`, ...cappedLines(result.kept, REPORT_LINES, keptLine, "处"));
    }
    return lines.join("\n");
  }
  if (result.fileError) return result.fileError;
  const badRows = new Set(result.errors.map((e) => e.row)).size;
  return [`台账有 ${badRows} 行错误，未导入任何数据：`, ...result.errors.map(formatProblem)].join("\n");
}

// Why chat's state is the newer one: what got it there.
const KEPT_BECAUSE: Partial<Record<IssueState, string>> = {
  IN_PROGRESS: "群内已报进展",
  PENDING_VERIFICATION: "群内已报完成",
  CLOSED: "已核实销号",
};

function keptLine(k: KeptValue): string {
  if (k.field === "deadline") {
    return `${k.code}：保留系统中的整改时限 ${k.kept ?? LONG_TERM}（已批准延期，台账仍为 ${k.file ?? LONG_TERM}）`;
  }
  const label = (s: string | null) => STATE_LABEL[s as IssueState] ?? String(s);
  const because = KEPT_BECAUSE[k.kept as IssueState];
  return `${k.code}：保留系统中的状态“${label(k.kept)}”（${because ? `${because}，` : ""}台账仍为“${label(k.file)}”，状态不回退）`;
}
