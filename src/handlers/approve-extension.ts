import { DubanError } from "../core/duban-error.ts";
import { EVENT, EXTENSION_EVENTS } from "../domain/event-type.ts";
import { resolveDate } from "../domain/resolve-date.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recentEvents } from "../store/hot-path-sql.ts";
import { recordEvent } from "./record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, tellUnit, type HandlerContext } from "./handler-context.ts";

/**
 * 批准延期 only ever moves a deadline later. Without a pending request it is still the
 * staff's decision to give more time, but the unit is not told it asked for it.
 */
export async function approveExtension(ctx: HandlerContext, cmd: CommandOf<"approveExtension">): Promise<void> {
  assertAdmin(ctx.actor, "批准延期");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，无需延期`);
  if (issue.deadline === null) throw new DubanError("BAD_STATE", `${issue.code} 是长期坚持的问题，没有整改时限，无需延期`);
  const newDeadline = resolveDate(cmd.date, ctx.today);
  const label = deadlineLabel(newDeadline, ctx.today);
  const oldLabel = deadlineLabel(issue.deadline, ctx.today);
  if (newDeadline === issue.deadline) throw new DubanError("BAD_DATE", `${issue.code} 的整改时限已是${label}`);
  if (newDeadline < issue.deadline) {
    throw new DubanError("BAD_DATE", `延期只能推后时限：${label}早于${issue.code}现整改时限${oldLabel}，未作调整`);
  }
  if (newDeadline < ctx.today) throw new DubanError("BAD_DATE", `新的整改时限${label}早于今天，请核对日期`);
  const [last] = await recentEvents(ctx.tx, issue.id, EXTENSION_EVENTS, 1);
  const requested = last?.type === EVENT.EXTENSION_REQUEST;
  await recordEvent(ctx, issue.id, {
    type: EVENT.EXTENSION_APPROVED,
    text: `整改时限 ${issue.deadline} → ${newDeadline}${requested ? "" : "（无延期申请，督查室调整）"}`,
    oldDeadline: issue.deadline,
    newDeadline,
  });
  await ctx.tx.issue.update({ where: { id: issue.id }, data: { deadline: newDeadline } });
  if (requested) {
    reply(ctx, `${issue.code} 整改时限已由${oldLabel}调整为${label}。`);
    await tellUnit(ctx, issue.unit.id, `${issue.code} 延期已批准，整改时限调整为${label}，请按期完成。`);
    return;
  }
  reply(ctx, `${issue.code} 没有待审批的延期申请；已按督查室决定将整改时限由${oldLabel}调整为${label}。`);
  await tellUnit(ctx, issue.unit.id, `督查室已将 ${issue.code} 整改时限由${oldLabel}调整为${label}，请按期完成。`);
}
