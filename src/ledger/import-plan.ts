import { describeChanges, diffFields, rowFields, type LedgerFields } from "./issue-changes.ts";
import type { IssueWrite } from "./bulk-write.ts";
import { keepNewer, type ApprovedExtension, type KeptValue } from "./keep-newer.ts";
import type { LedgerRow } from "./ledger-row.ts";
import { plannedMilestones, type StoredMilestone } from "../domain/milestone-plan.ts";
import { describeMilestones } from "../format/format-milestones.ts";

export interface ExistingIssue extends LedgerFields {
  code: string;
  closedAt: Date | null;
  /** Its approved extensions, oldest first. */
  extensions: readonly ApprovedExtension[];
  /** Its milestones in seq order; read only when the file has a 整改节点 column. */
  milestones: readonly StoredMilestone[];
}

export interface PlannedUpdate extends IssueWrite {
  /** The changed fields in Chinese, for the history and the import's reply. */
  text: string;
  fromState: string | null;
  toState: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
}

/** The milestones an issue is to have instead of the ones it has. */
export interface MilestoneWrite {
  code: string;
  milestones: StoredMilestone[];
}

export interface ImportPlan {
  creates: IssueWrite[];
  updates: PlannedUpdate[];
  milestones: MilestoneWrite[];
  unchanged: number;
  /** Fields where the issue's newer state or deadline was kept over the file's. */
  kept: KeptValue[];
}

/**
 * Decides, without touching the store, what each row does: create, update or
 * nothing. Every row's unit must already be known to `unitIdOf`.
 */
export function planImport(
  rows: LedgerRow[],
  existing: Map<string, ExistingIssue>,
  unitIdOf: (name: string) => number | undefined,
  unitName: (id: number) => string,
  now: Date,
): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], milestones: [], unchanged: 0, kept: [] };
  for (const row of rows) {
    const unitId = unitIdOf(row.unitName);
    if (unitId === undefined) throw new Error(`unit not prepared: ${row.unitName}`);
    const current = existing.get(row.code);
    if (!current) {
      const fields = rowFields(row, unitId, undefined);
      // A ledger row that arrives already 已销号 was closed before duban knew it, on a date
      // the file does not give: unknown (null), so the ranking does not count it as late.
      plan.creates.push({ code: row.code, fields, closedAt: null });
      const milestones = row.milestones && plannedMilestones(row.milestones, [], now);
      if (milestones) plan.milestones.push({ code: row.code, milestones });
      continue;
    }
    const { fields, kept } = keepNewer(current, rowFields(row, unitId, current), current.extensions);
    for (const k of kept) plan.kept.push({ code: row.code, ...k });
    const changes = diffFields(current, fields);
    const milestones = row.milestones && plannedMilestones(row.milestones, current.milestones, now);
    // Also when the file differed only in what was kept: nothing to write.
    if (changes.length === 0 && !milestones) {
      plan.unchanged++;
      continue;
    }
    if (milestones) plan.milestones.push({ code: row.code, milestones });
    const text = [
      ...(changes.length > 0 ? [describeChanges(changes, unitName)] : []),
      ...(milestones ? [describeMilestones(current.milestones, milestones, fields.deadline)] : []),
    ].join("；");
    const stateChanged = fields.state !== current.state;
    const deadlineChanged = fields.deadline !== current.deadline;
    plan.updates.push({
      code: row.code,
      fields,
      closedAt: closedAt(current, fields.state, now),
      text,
      fromState: stateChanged ? current.state : null,
      toState: stateChanged ? fields.state : null,
      oldDeadline: deadlineChanged ? current.deadline : null,
      newDeadline: deadlineChanged ? fields.deadline : null,
    });
  }
  return plan;
}

function closedAt(current: ExistingIssue, next: string, now: Date): Date | null {
  // Closed by this import: now. Otherwise whatever was known, even unknown (null);
  // an import never reopens (keepNewer), so a closed issue stays closed here.
  return next === "CLOSED" && current.state !== "CLOSED" ? now : current.closedAt;
}
