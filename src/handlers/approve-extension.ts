import { DubanError } from "../core/duban-error.ts";
import { EVENT } from "../domain/event-type.ts";
import { resolveDate } from "../domain/resolve-date.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "../store/find-issue.ts";
import { recordEvent } from "../store/record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, tellUnit, type HandlerContext } from "./handler-context.ts";

export async function approveExtension(ctx: HandlerContext, cmd: CommandOf<"approveExtension">): Promise<void> {
  assertAdmin(ctx.actor, "批准延期");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，无需延期`);
  const newDeadline = resolveDate(cmd.date, ctx.today);
  const label = deadlineLabel(newDeadline, ctx.today);
  if (newDeadline === issue.deadline) throw new DubanError("BAD_DATE", `${issue.code} 的整改时限已是${label}`);
  if (newDeadline < ctx.today) throw new DubanError("BAD_DATE", `新的整改时限${label}早于今天，请核对日期`);
  await recordEvent(ctx, issue.id, {
    type: EVENT.EXTENSION_APPROVED,
    text: `整改时限 ${issue.deadline} → ${newDeadline}`,
    oldDeadline: issue.deadline,
    newDeadline,
  });
  await ctx.tx.issue.update({ where: { id: issue.id }, data: { deadline: newDeadline } });
  reply(ctx, `${issue.code} 整改时限已由${deadlineLabel(issue.deadline, ctx.today)}调整为${label}。`);
  await tellUnit(ctx, issue.unit.id, `${issue.code} 延期已批准，整改时限调整为${label}，请按期完成。`);
}
