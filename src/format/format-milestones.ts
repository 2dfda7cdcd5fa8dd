import type { Day } from "../core/zoned-time.ts";
import { milestoneDay } from "../domain/milestone-day.ts";
import type { PlannedStep, StoredMilestone } from "../domain/milestone-plan.ts";

const DONE_MARK = "（已完成）";

/**
 * The 整改节点 cell export writes, read back unchanged by parseMilestones: the year is
 * left out only where that reading gives it back.
 */
export function formatMilestones(milestones: readonly PlannedStep[], deadline: Day | null): string {
  return milestones
    .map((m) => {
      const [y, mo, d] = m.due.split("-").map(Number) as [number, number, number];
      const short = deadline !== null && milestoneDay({ m: mo, d }, deadline, deadline) === m.due;
      return `${short ? `${mo}月${d}日` : `${y}年${mo}月${d}日`} ${m.text}${m.done ? DONE_MARK : ""}`;
    })
    .join("；");
}

/** `整改节点 12月10日 完成设备采购→…`, for the issue's history. */
export function describeMilestones(before: readonly StoredMilestone[], after: readonly StoredMilestone[], deadline: Day | null): string {
  const shown = (list: readonly StoredMilestone[]) =>
    list.length === 0 ? "（空）" : formatMilestones(list.map((m) => ({ due: m.due, text: m.text, done: m.doneAt !== null })), deadline);
  return `整改节点 ${shown(before)}→${shown(after)}`;
}
