import { DubanError } from "../core/duban-error.ts";

/** A plan belongs to an issue still being worked on: 未开始 or 整改中. */
export function assertPlanOpen(issue: { code: string; state: string }, what: string): void {
  if (issue.state === "PENDING_VERIFICATION") throw new DubanError("BAD_STATE", `${issue.code} 已报完成，正在等待督查室核实，不能再${what}`);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，不能再${what}`);
}
