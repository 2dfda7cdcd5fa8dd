import type { StoredMilestone } from "../domain/milestone-plan.ts";
import type { Tx } from "./open-store.ts";

export interface NumberedMilestone extends StoredMilestone {
  seq: number;
}

/** An issue's plan, in seq (date) order. */
export async function issueMilestones(tx: Tx, issueId: number): Promise<NumberedMilestone[]> {
  return tx.milestone.findMany({ where: { issueId }, orderBy: { seq: "asc" }, select: { seq: true, due: true, text: true, doneAt: true, note: true } });
}

/** Puts a new plan in place of the issue's, numbered from 1 in the order given. */
export async function replaceIssueMilestones(tx: Tx, issueId: number, milestones: readonly StoredMilestone[]): Promise<void> {
  await tx.milestone.deleteMany({ where: { issueId } });
  await tx.milestone.createMany({ data: milestones.map((m, i) => ({ issueId, seq: i + 1, due: m.due, text: m.text, doneAt: m.doneAt, note: m.note })) });
}
