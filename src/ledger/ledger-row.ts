import type { Day } from "../core/zoned-time.ts";
import type { IssueState } from "../domain/issue-state.ts";
import type { PlannedStep } from "../domain/milestone-plan.ts";

/** One valid ledger line, normalised, ready to be imported. */
export interface LedgerRow {
  /** NFKC, trimmed, upper-cased: `zg-2026-001 ` and `ZG-2026-001` are one issue. */
  code: string;
  description: string;
  unitName: string;
  /** Null: a long-term issue (长期坚持). */
  deadline: Day | null;
  /** The file said 立行立改: an issue already stored keeps the deadline it got then. */
  immediate?: boolean;
  source: string;
  category: string;
  /** Several units joined by `、`. */
  coUnits: string;
  leader: string;
  measures: string;
  /** Undefined when the file says nothing: an import then leaves the state alone. */
  state?: IssueState;
  /** 交办日期; null for an empty cell, undefined when the file has no such column (left alone). */
  assignedOn?: Day | null;
  /** 整改节点 in date order; undefined when the file has no such column (left alone). */
  milestones?: PlannedStep[];
  /** 每日报送; undefined when the file has no such column (left alone). */
  dailyReport?: boolean;
}

/** One thing wrong with the file; `row` as the spreadsheet shows it (header = 1). */
export interface LedgerProblem {
  row: number;
  reason: string;
}

export function formatProblem(p: LedgerProblem): string {
  return `第${p.row}行：${p.reason}`;
}
