import { DubanError } from "../core/duban-error.ts";
import { EVENT } from "../domain/event-type.ts";
import type { CommandOf } from "../parse/command.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordReport } from "../store/hot-path-sql.ts";
import { issueMilestones } from "../store/issue-milestones.ts";
import { recordEvent } from "./record-event.ts";
import { assertCanReport } from "./authorize.ts";
import { reply, type HandlerContext } from "./handler-context.ts";
import { assertPlanOpen } from "./plan-state.ts";

/** 节点 <编号> <序号> 完成: a progress report on one step of the plan; late is fine. */
export async function completeMilestone(ctx: HandlerContext, cmd: CommandOf<"milestoneDone">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  assertPlanOpen(issue, "报送节点完成");
  const plan = await issueMilestones(ctx.tx, issue.id);
  if (plan.length === 0) throw new DubanError("BAD_STATE", `${issue.code} 尚未制定整改方案，请先发送：方案 ${issue.code} <日期> <节点内容>`);
  const step = plan.find((m) => m.seq === cmd.seq);
  if (!step) throw new DubanError("NOT_FOUND", `${issue.code} 共 ${plan.length} 个节点，没有节点${cmd.seq}`);
  if (step.doneAt) throw new DubanError("BAD_STATE", `${issue.code} 节点${cmd.seq}“${step.text}”已于${ctx.time.short(step.doneAt)}完成，无需重复报送。`);
  await ctx.tx.milestone.update({ where: { issueId_seq: { issueId: issue.id, seq: cmd.seq } }, data: { doneAt: ctx.now, note: cmd.note } });
  const toState = issue.state === "NOT_STARTED" ? "IN_PROGRESS" : issue.state;
  const text = `节点${cmd.seq}“${step.text}”已完成${cmd.note ? `：${cmd.note}` : ""}`;
  await recordEvent(ctx, issue.id, { type: EVENT.MILESTONE_DONE, text, fromState: issue.state, toState });
  await recordReport(ctx.tx, { issueId: issue.id, state: toState, text, at: ctx.now, percent: null, claimedAt: null });
  const done = plan.filter((m) => m.doneAt !== null).length + 1;
  const answer = `已记录：${issue.code} 节点${cmd.seq}“${step.text}”已完成（共 ${plan.length} 个节点，已完成 ${done} 个）。`;
  reply(ctx, done === plan.length ? `${answer}\n全部节点已完成，整改完成后请回复：完成 ${issue.code} <说明>` : answer);
}
