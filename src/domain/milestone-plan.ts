/** A Milestone row of an issue, in seq order. */
export interface StoredMilestone {
  due: string;
  text: string;
  doneAt: Date | null;
  /** What the unit said when it marked the step done (节点 … 完成 <说明>). */
  note: string;
}

/** A step of a new plan: from the ledger's 整改节点 (which may mark it done) or from 方案 in chat. */
export interface PlannedStep {
  due: string;
  text: string;
  done: boolean;
}

/**
 * The milestones an issue gets from a new plan, in date order, or null when they are the
 * ones it has. A step whose date and text are unchanged keeps its doneAt and note; a
 * 已完成 mark only adds one (done now), never takes one away, as state only moves forward.
 */
export function plannedMilestones(plan: readonly PlannedStep[], stored: readonly StoredMilestone[], now: Date): StoredMilestone[] | null {
  const unused = [...stored];
  const planned = plan.map((m) => {
    const i = unused.findIndex((s) => s.due === m.due && s.text === m.text);
    const before = i < 0 ? undefined : unused.splice(i, 1)[0];
    return { due: m.due, text: m.text, doneAt: before?.doneAt ?? (m.done ? now : null), note: before?.note ?? "" };
  });
  const same =
    planned.length === stored.length &&
    planned.every((p, i) => p.due === stored[i]!.due && p.text === stored[i]!.text && (p.doneAt === null) === (stored[i]!.doneAt === null));
  return same ? null : planned;
}
