import { DubanError } from "../core/duban-error.ts";
import { dayLabel } from "../core/zoned-time.ts";
import { deadlineWindowText, isInDeadlineWindow } from "../domain/date-window.ts";
import { EVENT } from "../domain/event-type.ts";
import { plannedDay } from "../domain/milestone-day.ts";
import { plannedMilestones, type PlannedStep } from "../domain/milestone-plan.ts";
import { describeMilestones } from "../format/format-milestones.ts";
import { deadlineLabel } from "../format/issue-status.ts";
import type { CommandOf } from "../parse/command.ts";
import type { DateSpec } from "../domain/resolve-date.ts";
import { findIssueOrThrow } from "./find-issue.ts";
import { recordReport } from "../store/hot-path-sql.ts";
import { issueMilestones, replaceIssueMilestones } from "../store/issue-milestones.ts";
import { recordEvent } from "./record-event.ts";
import { assertCanReport } from "./authorize.ts";
import { assertPlanOpen } from "./plan-state.ts";
import { reply, type HandlerContext } from "./handler-context.ts";

/** The date as the unit wrote it, to name a step that is refused. */
function written(spec: DateSpec): string {
  return `${spec.y === undefined ? "" : `${spec.y}年`}${spec.m}月${spec.monthEnd ? "底" : `${spec.d}日`}`;
}

/**
 * 方案: the unit's plan replaces the issue's milestones (the old ones stay in the history).
 * It is the unit answering the assignment: its 签收, and a report for staleness; the state
 * does not move.
 */
export async function setPlan(ctx: HandlerContext, cmd: CommandOf<"plan">): Promise<void> {
  const issue = await findIssueOrThrow(ctx, cmd.code);
  assertCanReport(ctx.actor, issue);
  assertPlanOpen(issue, "制定整改方案");
  const year = Number(ctx.today.slice(0, 4));
  const steps: PlannedStep[] = [];
  const problems: string[] = [];
  let late = false;
  for (const step of cmd.steps) {
    const due = plannedDay(step.date, issue.deadline, ctx.today);
    const shown = `节点“${due === null ? written(step.date) : dayLabel(due, year)} ${step.text}”`;
    if (due === null) problems.push(`${shown}的日期无效`);
    else if (!isInDeadlineWindow(Number(due.slice(0, 4)), due, ctx.today)) problems.push(`${shown}的日期超出范围（${deadlineWindowText(ctx.today)}）`);
    else if (issue.deadline !== null && due > issue.deadline) {
      late = true;
      problems.push(`${shown}晚于整改时限（${deadlineLabel(issue.deadline, ctx.today)}）`);
    } else steps.push({ due, text: step.text, done: false });
  }
  if (problems.length > 0) {
    const advice = late ? `\n节点须在整改时限之前；确需推迟的，请先申请延期：延期 ${issue.code} <日期> <理由>` : "";
    throw new DubanError("BAD_DATE", `整改方案未登记：\n${problems.join("\n")}${advice}`);
  }
  // Two steps on one day keep the order they were written in.
  steps.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const before = await issueMilestones(ctx.tx, issue.id);
  const after = plannedMilestones(steps, before, ctx.now);
  if (after === null) {
    reply(ctx, `${issue.code} 的整改方案与已登记的相同，未作修改。`);
    return;
  }
  await replaceIssueMilestones(ctx.tx, issue.id, after);
  await recordEvent(ctx, issue.id, { type: EVENT.PLAN_SET, text: describeMilestones(before, after, issue.deadline) });
  await recordReport(ctx.tx, { issueId: issue.id, state: issue.state, text: `整改方案：共${after.length}个节点`, at: ctx.now, percent: null, claimedAt: null });
  const lines = after.map((m, i) => `${i + 1}. ${dayLabel(m.due, year)} ${m.text}${m.doneAt ? "（已完成）" : ""}`);
  // A step already past and not done lights the issue yellow tomorrow morning: say so now.
  const past = after.flatMap((m, i) => (m.doneAt === null && m.due < ctx.today ? [i + 1] : []));
  const open = after.some((m) => m.doneAt === null);
  reply(
    ctx,
    [
      `${issue.code} 整改方案已${before.length > 0 ? "更新，替换原方案" : "登记"}，共 ${after.length} 个节点：`,
      ...lines,
      ...(past.length ? [`注意：节点${past.join("、")}日期已过，如已完成请回复“节点 ${issue.code} ${past[0]} 完成”，否则将亮黄灯。`] : []),
      ...(open ? [`完成节点后请回复：节点 ${issue.code} <序号> 完成`] : []),
    ].join("\n"),
  );
}
