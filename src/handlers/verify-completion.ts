import { DubanError } from "../core/duban-error.ts";
import { addDays } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { deadlineLabel, stateLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordEvent } from "./record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, tellUnit, type HandlerContext } from "./handler-context.ts";

export async function verifyCompletion(ctx: HandlerContext, cmd: CommandOf<"verify">): Promise<void> {
  assertAdmin(ctx.actor, "核实销号");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  if (issue.state !== "PENDING_VERIFICATION") {
    throw new DubanError("BAD_STATE", `${issue.code} 当前为${stateLabel(issue.state)}，只有待核实的问题可以核实`);
  }
  if (cmd.pass) {
    const reviewDue = addDays(ctx.today, ctx.config.DUBAN_REVIEW_DAYS);
    await recordEvent(ctx, issue.id, { type: EVENT.VERIFY_PASS, text: cmd.reason, fromState: issue.state, toState: "CLOSED" });
    await ctx.tx.issue.update({ where: { id: issue.id }, data: { state: "CLOSED", closedAt: ctx.now, reviewDue } });
    reply(ctx, `${issue.code} 核实通过，已销号。${deadlineLabel(reviewDue, ctx.today)}回头看。`);
    await tellUnit(ctx, issue.unit.id, `${issue.code} 经督查室核实通过，已销号。请巩固整改成效，${deadlineLabel(reviewDue, ctx.today)}将回头看。`);
    return;
  }
  await recordEvent(ctx, issue.id, { type: EVENT.SEND_BACK, text: cmd.reason, fromState: issue.state, toState: "IN_PROGRESS" });
  await ctx.tx.issue.update({ where: { id: issue.id }, data: { state: "IN_PROGRESS", claimedAt: null } });
  reply(ctx, `${issue.code} 已退回${issue.unit.name}，状态改为整改中。`);
  await tellUnit(ctx, issue.unit.id, `【退回】${issue.code} 核实未通过：${cmd.reason}\n请继续整改，完成后重新报送：完成 ${issue.code} <说明>`);
}
