import { EVENT } from "../domain/event-type.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordEvent } from "./record-event.ts";
import { assertCanReport } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** 签收 (or a quoted 收到 to the 交办通知): the unit has the assignment. Quiet: 查询 shows when. */
export async function acknowledgeIssue(ctx: HandlerContext, cmd: CommandOf<"acknowledge">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  if (!issue.ackPending) {
    // The group's other members' 收到 to the same notice is chat, not a question.
    if (cmd.quoted) {
      ctx.quiet = true;
      return;
    }
    const at = issue.acknowledgedAt === null ? null : new Date(issue.acknowledgedAt);
    reply(ctx, at ? `${issue.code} 已于${ctx.time.short(at)}签收，无需重复签收。` : `${issue.code} 不是待签收的交办问题，无需签收。`);
    return;
  }
  await ctx.tx.issue.update({ where: { id: issue.id }, data: { ackPending: false, acknowledgedAt: ctx.now } });
  await recordEvent(ctx, issue.id, { type: EVENT.ACKNOWLEDGED, text: "已签收" });
  reply(ctx, `已签收 ${issue.code}，整改时限${deadlineLabel(issue.deadline, ctx.today)}。请抓紧整改，按时报送进度。`);
}
