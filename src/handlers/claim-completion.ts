import { DubanError } from "../core/duban-error.ts";
import { EVENT } from "../domain/event-type.ts";
import type { CommandOf } from "../parse/command.ts";
import { NO_EVIDENCE } from "../format/no-evidence.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { withoutEvidence } from "../store/without-evidence.ts";
import { recordEvent } from "./record-event.ts";
import { recordReport } from "../store/hot-path-sql.ts";
import { assertCanReport } from "./authorize.ts";
import { reply, tellAdmins, type HandlerContext } from "./handler-context.ts";

export async function claimCompletion(ctx: HandlerContext, cmd: CommandOf<"complete">): Promise<void> {
  const { code, unitName, issueId } = await recordCompletion(ctx, cmd);
  reply(ctx, `已收到 ${code} 整改完成报告，状态改为待核实，督查室将现场核实后销号。可补发现场照片作为佐证。`);
  const bare = (await withoutEvidence(ctx.tx, [issueId])).size > 0;
  tellAdmins(
    ctx,
    `【待核实】${unitName} ${ctx.actor.name} 报 ${code} 整改完成${bare ? NO_EVIDENCE : ""}${cmd.note ? `：${cmd.note}` : ""}\n核实后回复：核实 ${code} 通过，或 核实 ${code} 退回 <理由>`,
  );
}

/**
 * Records a completion claim (→ 待核实); returns the issue's code, unit and id. Refusals are
 * thrown before anything is written.
 */
export async function recordCompletion(ctx: HandlerContext, cmd: CommandOf<"complete">): Promise<{ code: string; unitName: string; issueId: number }> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，无需再报完成`);
  if (issue.state === "PENDING_VERIFICATION") {
    throw new DubanError("BAD_STATE", `${issue.code} 已报完成，正在等待督查室核实；补充说明请用：进度 ${issue.code} <说明>`);
  }
  await recordEvent(ctx, issue.id, {
    type: EVENT.COMPLETION_CLAIM,
    text: cmd.note,
    fromState: issue.state,
    toState: "PENDING_VERIFICATION",
  });
  await recordReport(ctx.tx, {
    issueId: issue.id,
    state: "PENDING_VERIFICATION",
    text: cmd.note || "报告整改完成",
    at: ctx.now,
    percent: null,
    claimedAt: ctx.now,
  });
  return { code: issue.code, unitName: issue.unit.name, issueId: issue.id };
}
