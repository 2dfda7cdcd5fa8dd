import { DubanError } from "../core/duban-error.ts";
import { EVENT } from "../domain/event-type.ts";
import { resolveDate } from "../domain/resolve-date.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordEvent } from "./record-event.ts";
import { assertCanReport } from "./authorize.ts";
import { reply, tellAdmins, type HandlerContext } from "./handler-context.ts";

export async function requestExtension(ctx: HandlerContext, cmd: CommandOf<"extend">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  if (issue.state === "CLOSED") throw new DubanError("BAD_STATE", `${issue.code} 已销号，无需延期`);
  if (issue.deadline === null) throw new DubanError("BAD_STATE", `${issue.code} 是长期坚持的问题，没有整改时限，无需延期`);
  const wanted = resolveDate(cmd.date, ctx.today);
  const label = deadlineLabel(wanted, ctx.today);
  if (wanted <= ctx.today) throw new DubanError("BAD_DATE", `延期日期${label}须晚于今天`);
  if (wanted <= issue.deadline) {
    throw new DubanError("BAD_DATE", `延期日期${label}须晚于现整改时限${deadlineLabel(issue.deadline, ctx.today)}`);
  }
  await recordEvent(ctx, issue.id, {
    type: EVENT.EXTENSION_REQUEST,
    text: cmd.reason,
    oldDeadline: issue.deadline,
    newDeadline: wanted,
  });
  await ctx.tx.issue.update({ where: { id: issue.id }, data: { lastReportAt: ctx.now, lastReportText: `申请延期至${wanted}：${cmd.reason}` } });
  reply(ctx, `已提交 ${issue.code} 延期申请（至${label}），待督查室审批；审批前仍按原时限${deadlineLabel(issue.deadline, ctx.today)}考核。`);
  tellAdmins(
    ctx,
    `【延期申请】${issue.unit.name} ${ctx.actor.name} 申请 ${issue.code} 延期至${label}（原${deadlineLabel(issue.deadline, ctx.today)}），理由：${cmd.reason}\n同意请回复：批准延期 ${issue.code} ${wanted}；不同意请回复：驳回延期 ${issue.code} <理由>`,
  );
}
