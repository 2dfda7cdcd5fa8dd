import { DubanError } from "../core/duban-error.ts";
import { EVENT, EXTENSION_EVENTS } from "../domain/event-type.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recentEvents } from "../store/hot-path-sql.ts";
import { recordEvent } from "./record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, tellUnit, type HandlerContext } from "./handler-context.ts";


/** 驳回延期: the pending request is refused with a reason; the deadline stays, and the unit is told. */
export async function refuseExtension(ctx: HandlerContext, cmd: CommandOf<"refuseExtension">): Promise<void> {
  assertAdmin(ctx.actor, "驳回延期");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  const [last] = await recentEvents(ctx.tx, issue.id, EXTENSION_EVENTS, 1);
  if (last?.type !== EVENT.EXTENSION_REQUEST) throw new DubanError("BAD_STATE", `${issue.code} 没有待审批的延期申请`);
  const deadline = deadlineLabel(issue.deadline, ctx.today);
  await recordEvent(ctx, issue.id, { type: EVENT.EXTENSION_REFUSED, text: cmd.reason });
  const asked = last.newDeadline ? `（申请延期至${deadlineLabel(last.newDeadline, ctx.today)}）` : "";
  reply(ctx, `已驳回 ${issue.code} 延期申请${asked}，整改时限仍为${deadline}，已告知${issue.unit.name}。`);
  await tellUnit(ctx, issue.unit.id, `${issue.code} 延期申请未获批准，理由：${cmd.reason}；请按原时限${deadline}完成。`);
}
