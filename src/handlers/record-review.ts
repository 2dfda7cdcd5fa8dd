import { DubanError } from "../core/duban-error.ts";
import { dayLabel } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { stateLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordEvent } from "./record-event.ts";
import { assertAdmin } from "./authorize.ts";
import { reply, tellUnit, type HandlerContext } from "./handler-context.ts";

/** 回头看: a closed issue is revisited; a rebound reopens it. */
export async function recordReview(ctx: HandlerContext, cmd: CommandOf<"review">): Promise<void> {
  assertAdmin(ctx.actor, "记录回头看");
  const issue = await findIssueOrThrow(ctx, cmd.code);
  if (issue.state !== "CLOSED") {
    throw new DubanError("BAD_STATE", `${issue.code} 当前为${stateLabel(issue.state)}，销号后才能回头看`);
  }
  if (cmd.ok) {
    // One 合格 per closing: a second one (a resend, two staff at once) adds nothing.
    const last = await ctx.tx.issueEvent.findFirst({
      where: { issueId: issue.id, OR: [{ type: EVENT.REVIEW_OK }, { toState: "CLOSED" }] },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    if (last?.type === EVENT.REVIEW_OK) {
      reply(ctx, `${issue.code} 回头看合格已于${dayLabel(ctx.time.today(last.at), Number(ctx.today.slice(0, 4)))}记录，无需重复记录。`);
      return;
    }
    await recordEvent(ctx, issue.id, { type: EVENT.REVIEW_OK, text: cmd.note });
    await ctx.tx.issue.update({ where: { id: issue.id }, data: { reviewDue: null } });
    reply(ctx, `已记录 ${issue.code} 回头看合格。`);
    return;
  }
  await recordEvent(ctx, issue.id, { type: EVENT.REVIEW_REBOUND, text: cmd.note, fromState: "CLOSED", toState: "IN_PROGRESS" });
  await ctx.tx.issue.update({
    where: { id: issue.id },
    data: { state: "IN_PROGRESS", closedAt: null, claimedAt: null, reviewDue: null, progressPct: null },
  });
  reply(ctx, `已记录 ${issue.code} 回头看发现反弹，问题已重新打开（整改中），并通知${issue.unit.name}。`);
  await tellUnit(ctx, issue.unit.id, `【反弹】${issue.code} 回头看发现问题反弹：${cmd.note}\n已重新打开，请立即整改并报送进度。`);
}
