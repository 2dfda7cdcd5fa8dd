import { DubanError } from "../core/duban-error.ts";
import { EVENT } from "../domain/event-type.ts";
import { deadlineLabel, timeStatus } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordEvent } from "./record-event.ts";
import { recordReport } from "../store/hot-path-sql.ts";
import { assertCanReport } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

export async function reportProgress(ctx: HandlerContext, cmd: CommandOf<"progress">): Promise<void> {
  reply(ctx, await recordProgress(ctx, cmd));
}

/** Records a progress report; returns the answer. Refusals are thrown before anything is written. */
export async function recordProgress(ctx: HandlerContext, cmd: CommandOf<"progress">): Promise<string> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，无需再报进度；如有反弹请联系督查室`);
  const toState = issue.state === "NOT_STARTED" ? "IN_PROGRESS" : issue.state;
  await recordEvent(ctx, issue.id, {
    type: EVENT.PROGRESS,
    text: cmd.note,
    percent: cmd.percent,
    fromState: issue.state,
    toState,
  });
  await recordReport(ctx.tx, { issueId: issue.id, state: toState, text: cmd.note, at: ctx.now, percent: cmd.percent ?? null, claimedAt: null });
  const pct = cmd.percent !== undefined ? `（${cmd.percent}%）` : "";
  if (issue.state === "PENDING_VERIFICATION") return `已记录 ${issue.code} 进度${pct}。该问题已报完成，正在等待督查室核实。`;
  // A long-term issue has no days left to tell: `整改时限长期坚持，长期坚持` said it twice.
  const left = issue.deadline === null ? "" : `，${timeStatus({ ...issue, state: toState }, ctx.today)}`;
  return `已记录 ${issue.code} 进度${pct}。整改时限${deadlineLabel(issue.deadline, ctx.today)}${left}。`;
}
