import { describeChanges, diffFields, rowFields, type LedgerFields } from "./issue-changes.ts";
import type { IssueWrite } from "./bulk-write.ts";
import type { LedgerRow } from "./ledger-row.ts";

export interface ExistingIssue extends LedgerFields {
  code: string;
  closedAt: Date | null;
}

export interface PlannedUpdate extends IssueWrite {
  /** The changed fields in Chinese, for the history. */
  text: string;
  fromState: string | null;
  toState: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
}

export interface ImportPlan {
  creates: IssueWrite[];
  updates: PlannedUpdate[];
  unchanged: number;
}

/**
 * Decides, without touching the store, what each row does: create, update or
 * nothing. Every row's unit must already be in `unitIds`.
 */
export function planImport(
  rows: LedgerRow[],
  existing: Map<string, ExistingIssue>,
  unitIds: Map<string, number>,
  unitName: (id: number) => string,
  now: Date,
): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const unitId = unitIds.get(row.unitName.trim());
    if (unitId === undefined) throw new Error(`unit not prepared: ${row.unitName}`);
    const current = existing.get(row.code);
    if (!current) {
      const fields = rowFields(row, unitId, "NOT_STARTED");
      // A ledger row that arrives already 已销号 was closed before duban knew it, on a date
      // the file does not give: unknown (null), so the ranking does not count it as late.
      plan.creates.push({ code: row.code, fields, closedAt: null });
      continue;
    }
    const fields = rowFields(row, unitId, current.state);
    const changes = diffFields(current, fields);
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    const stateChanged = fields.state !== current.state;
    const deadlineChanged = fields.deadline !== current.deadline;
    plan.updates.push({
      code: row.code,
      fields,
      closedAt: closedAt(current, fields.state, now),
      text: describeChanges(changes, unitName),
      fromState: stateChanged ? current.state : null,
      toState: stateChanged ? fields.state : null,
      oldDeadline: deadlineChanged ? current.deadline : null,
      newDeadline: deadlineChanged ? fields.deadline : null,
    });
  }
  return plan;
}

function closedAt(current: ExistingIssue, next: string, now: Date): Date | null {
  // Closed by this import: now. Already closed: whatever was known, even unknown (null).
  if (next === "CLOSED") return current.state === "CLOSED" ? current.closedAt : now;
  // A reopened issue must not keep the old closing time, or closing it again would.
  if (current.state === "CLOSED") return null;
  return current.closedAt;
}
