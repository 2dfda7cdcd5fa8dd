import { describeChanges, diffFields, rowFields, type LedgerFields } from "./issue-changes.ts";
import type { LedgerRow } from "./ledger-row.ts";

export interface ExistingIssue extends LedgerFields {
  id: number;
  code: string;
  closedAt: Date | null;
}

export interface PlannedCreate {
  code: string;
  fields: LedgerFields;
}

export interface PlannedUpdate {
  id: number;
  data: Partial<LedgerFields> & { closedAt?: Date | null };
  text: string;
  fromState: string | null;
  toState: string | null;
  oldDeadline: string | null;
  newDeadline: string | null;
}

export interface ImportPlan {
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: number;
}

/**
 * Decides, without touching the store, what each row does: create, update (only the
 * fields that differ) or nothing. Every row's unit must already be in `unitIds`.
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
      plan.creates.push({ code: row.code, fields: rowFields(row, unitId, "NOT_STARTED") });
      continue;
    }
    const next = rowFields(row, unitId, current.state);
    const changes = diffFields(current, next);
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    const data: PlannedUpdate["data"] = {};
    for (const c of changes) Object.assign(data, { [c.field]: next[c.field] });
    const stateChanged = next.state !== current.state;
    if (stateChanged && next.state === "CLOSED" && !current.closedAt) data.closedAt = now;
    // A reopened issue must not keep the old closing time, or closing it again would.
    if (stateChanged && current.state === "CLOSED") data.closedAt = null;
    const deadlineChanged = next.deadline !== current.deadline;
    plan.updates.push({
      id: current.id,
      data,
      text: describeChanges(changes, unitName),
      fromState: stateChanged ? current.state : null,
      toState: stateChanged ? next.state : null,
      oldDeadline: deadlineChanged ? current.deadline : null,
      newDeadline: deadlineChanged ? next.deadline : null,
    });
  }
  return plan;
}
