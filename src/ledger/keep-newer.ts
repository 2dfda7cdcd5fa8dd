import { STATES } from "../domain/issue-state.ts";
import type { LedgerFields } from "./issue-changes.ts";

/** The latest EXTENSION_APPROVED event of an issue: the deadline it replaced and set. */
export interface ApprovedExtension {
  oldDeadline: string | null;
  newDeadline: string | null;
}

/**
 * What a row may change on an existing issue, so that re-importing an old file does
 * not undo what happened in chat since (DESIGN §5: a re-import is safe). `kept` counts
 * the fields where the newer value was kept over the file's.
 *
 * - State only moves forward. Going back (反弹, 退回) is done in chat, where the reason
 *   is recorded; a ledger saying 未开始 for an issue already 待核实 is simply older.
 * - A deadline set by an approved extension is kept against a file that still holds
 *   the deadline that extension replaced. Any other deadline is a staff edit and applies.
 */
export function keepNewer(
  current: LedgerFields,
  proposed: LedgerFields,
  extension: ApprovedExtension | null,
): { fields: LedgerFields; kept: number } {
  const fields = { ...proposed };
  let kept = 0;
  if (rank(proposed.state) < rank(current.state)) {
    fields.state = current.state;
    kept++;
  }
  const staleDeadline =
    extension !== null &&
    extension.newDeadline === current.deadline &&
    extension.oldDeadline === proposed.deadline &&
    proposed.deadline !== current.deadline;
  if (staleDeadline) {
    fields.deadline = current.deadline;
    kept++;
  }
  return { fields, kept };
}

// STATES is listed in the forward order 未开始 → 整改中 → 待核实 → 已销号.
function rank(state: string): number {
  return (STATES as readonly string[]).indexOf(state);
}
