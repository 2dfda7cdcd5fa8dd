import type { Day } from "../core/zoned-time.ts";
import { formatMilestones, type LedgerMilestone } from "./ledger-milestones.ts";

/** A Milestone row of an issue, in seq order. */
export interface StoredMilestone {
  due: string;
  text: string;
  doneAt: Date | null;
}

/**
 * The milestones an issue gets from its row's 整改节点, in date order, or null when they are
 * the ones it has. A step whose date and text are unchanged keeps its doneAt; the file's
 * 已完成 mark only adds one (done now), never takes one away, as state only moves forward.
 */
export function plannedMilestones(file: readonly LedgerMilestone[], stored: readonly StoredMilestone[], now: Date): StoredMilestone[] | null {
  const unused = [...stored];
  const planned = file.map((m) => {
    const i = unused.findIndex((s) => s.due === m.due && s.text === m.text);
    const before = i < 0 ? undefined : unused.splice(i, 1)[0];
    return { due: m.due, text: m.text, doneAt: before?.doneAt ?? (m.done ? now : null) };
  });
  const same =
    planned.length === stored.length &&
    planned.every((p, i) => p.due === stored[i]!.due && p.text === stored[i]!.text && (p.doneAt === null) === (stored[i]!.doneAt === null));
  return same ? null : planned;
}

/** `整改节点 12月10日 完成设备采购→…`, for the history. */
export function describeMilestones(before: readonly StoredMilestone[], after: readonly StoredMilestone[], deadline: Day | null): string {
  const shown = (list: readonly StoredMilestone[]) =>
    list.length === 0 ? "（空）" : formatMilestones(list.map((m) => ({ due: m.due, text: m.text, done: m.doneAt !== null })), deadline);
  return `整改节点 ${shown(before)}→${shown(after)}`;
}
