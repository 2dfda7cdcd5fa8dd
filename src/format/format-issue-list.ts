import type { Day } from "../core/zoned-time.ts";
import { daysOverdue } from "../domain/issue-state.ts";
import { shortText, timeStatus } from "./issue-status.ts";

export interface ListIssue {
  code: string;
  description: string;
  state: string;
  deadline: Day | null;
  progressPct: number | null;
  unit: { name: string };
}

/** Overdue first (most overdue first), then by deadline, long-term after dated, pending verification last. */
export function sortForList<T extends ListIssue>(issues: T[], today: Day): T[] {
  const rank = (i: ListIssue) => (i.state === "PENDING_VERIFICATION" ? 2 : daysOverdue(i, today) > 0 ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b) || (a.deadline ?? "~").localeCompare(b.deadline ?? "~") || a.code.localeCompare(b.code));
}

/** `1. ZG-2026-003 乡镇污水处理站运行…｜逾期3天` */
export function issueLine(i: ListIssue, n: number, today: Day, withUnit = false): string {
  return `${n}. ${i.code} ${shortText(i.description, 16)}｜${withUnit ? `${i.unit.name}｜` : ""}${timeStatus(i, today)}`;
}
