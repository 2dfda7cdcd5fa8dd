import { dayLabel, type Day } from "../core/zoned-time.ts";
import { deadlineWindowText, isInDeadlineWindow } from "../domain/date-window.ts";
import { milestoneDay } from "../domain/milestone-day.ts";
import type { PlannedStep } from "../domain/milestone-plan.ts";
import { readPlanStep, splitPlan } from "../parse/plan-steps.ts";

const DONE = /[（(]\s*已完成\s*[）)]$/;

/**
 * `12月10日 完成设备采购；12月20日 安装调试（已完成）` → milestones in date order, or the
 * reason each bad one is refused. A date without a year is the one on or before the
 * deadline nearest to it (a plan runs up to its deadline, not past it); for a long-term
 * issue, in the import's year.
 */
export function parseMilestones(cell: string, deadline: Day | null, today: Day): { milestones: PlannedStep[]; problems: string[] } {
  const milestones: PlannedStep[] = [];
  const problems: string[] = [];
  for (const part of splitPlan(cell)) {
    const shown = part.length > 30 ? `${part.slice(0, 30)}…` : part;
    const step = readPlanStep(part);
    if (!step.ok) {
      problems.push(
        step.reason === "missing" ? `整改节点“${shown}”应以日期开头，如“12月10日 完成设备采购”` : `整改节点“${shown}”的日期无效`,
      );
      continue;
    }
    const due = milestoneDay(step.date, deadline, today);
    const done = DONE.test(step.text);
    const text = step.text.replace(DONE, "").trim();
    if (due === null) problems.push(`整改节点“${shown}”的日期无效`);
    else if (!isInDeadlineWindow(Number(due.slice(0, 4)), due, today)) problems.push(`整改节点“${shown}”的日期超出范围（${deadlineWindowText(today)}）`);
    else if (text === "") problems.push(`整改节点“${shown}”缺少内容`);
    else if (deadline !== null && due > deadline) problems.push(`整改节点“${shown}”晚于整改时限（${dayLabel(deadline)}）`);
    else milestones.push({ due, text, done });
  }
  // Stable: two steps on one day keep the order they were written in.
  milestones.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return { milestones, problems };
}
