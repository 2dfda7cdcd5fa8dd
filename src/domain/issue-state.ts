import type { Day } from "../core/zoned-time.ts";
import { daysBetween } from "../core/zoned-time.ts";

export const STATES = ["NOT_STARTED", "IN_PROGRESS", "PENDING_VERIFICATION", "CLOSED"] as const;
export type IssueState = (typeof STATES)[number];

export const STATE_LABEL: Record<IssueState, string> = {
  NOT_STARTED: "未开始",
  IN_PROGRESS: "整改中",
  PENDING_VERIFICATION: "待核实",
  CLOSED: "已销号",
};

const LABEL_TO_STATE = new Map<string, IssueState>(
  Object.entries(STATE_LABEL).map(([k, v]) => [v, k as IssueState]),
);
// Words ledgers use in practice for the same four states.
for (const [alias, state] of [
  ["未启动", "NOT_STARTED"],
  ["未整改", "NOT_STARTED"],
  ["正在整改", "IN_PROGRESS"],
  ["推进中", "IN_PROGRESS"],
  ["进行中", "IN_PROGRESS"],
  ["序时推进", "IN_PROGRESS"],
  // A unit's "done" is a claim until it is verified.
  ["完成", "PENDING_VERIFICATION"],
  ["已完成", "PENDING_VERIFICATION"],
  ["已整改", "PENDING_VERIFICATION"],
  ["整改完成", "PENDING_VERIFICATION"],
  ["完成待核实", "PENDING_VERIFICATION"],
  ["销号", "CLOSED"],
  ["已办结", "CLOSED"],
] as const) {
  LABEL_TO_STATE.set(alias, state);
}

/** `整改中` (or one of its usual synonyms) → `IN_PROGRESS`; undefined for anything else. */
export function stateFromLabel(label: string): IssueState | undefined {
  return LABEL_TO_STATE.get(label.trim());
}

/**
 * The moves chat may make (README, How a problem moves): a report starts the work, a claim awaits
 * verification, verification closes or sends back, a rebound reopens. Staying put is
 * always allowed (a progress report on work in progress). Imports take the ledger's state
 * and are not bound by these.
 */
const MOVES: Record<IssueState, readonly IssueState[]> = {
  NOT_STARTED: ["IN_PROGRESS", "PENDING_VERIFICATION"],
  IN_PROGRESS: ["PENDING_VERIFICATION"],
  PENDING_VERIFICATION: ["CLOSED", "IN_PROGRESS"],
  CLOSED: ["IN_PROGRESS"],
};

export function isLegalMove(from: string, to: string): boolean {
  return from === to || (MOVES[from as IssueState]?.includes(to as IssueState) ?? false);
}

export function isOpen(state: string): boolean {
  return state === "NOT_STARTED" || state === "IN_PROGRESS";
}

/** Overdue is derived, never stored: deadline passed and the unit still owes the work. */
export function daysOverdue(issue: { state: string; deadline: Day | null }, today: Day): number {
  if (!isOpen(issue.state) || issue.deadline === null) return 0;
  return Math.max(0, daysBetween(issue.deadline, today));
}
