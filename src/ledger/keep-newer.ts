import { STATES } from "../domain/issue-state.ts";
import type { LedgerFields } from "./issue-changes.ts";

/** An EXTENSION_APPROVED event of an issue: the deadline it replaced and the one it set. */
export interface ApprovedExtension {
  oldDeadline: string | null;
  newDeadline: string | null;
}

/** A field where the newer value was kept over the file's older one. */
export interface KeptField {
  field: "state" | "deadline";
  /** What the issue keeps, as stored (a null deadline: long-term). */
  kept: string | null;
  /** What the file said, as stored. */
  file: string | null;
}

/** A kept field of a named issue, as the import result lists it. */
export interface KeptValue extends KeptField {
  code: string;
}

/**
 * What a row may change on an existing issue, so that re-importing an old file does
 * not undo what happened in chat since (a re-import is safe: README, Ledger files).
 *
 * - State only moves forward. Going back (反弹, 退回) is done in chat, where the reason
 *   is recorded; a ledger saying 未开始 for an issue already 待核实 is simply older.
 * - A deadline set by approved extensions is kept against a file that still holds any
 *   deadline those extensions replaced, back to the original. Any other deadline is a
 *   staff edit and applies.
 */
export function keepNewer(
  current: LedgerFields,
  proposed: LedgerFields,
  extensions: readonly ApprovedExtension[],
): { fields: LedgerFields; kept: KeptField[] } {
  const fields = { ...proposed };
  const kept: KeptField[] = [];
  if (rank(proposed.state) < rank(current.state)) {
    fields.state = current.state;
    kept.push({ field: "state", kept: current.state, file: proposed.state });
  }
  if (proposed.deadline !== current.deadline && replacedDeadlines(current.deadline, extensions).has(proposed.deadline)) {
    fields.deadline = current.deadline;
    kept.push({ field: "deadline", kept: current.deadline, file: proposed.deadline });
  }
  return { fields, kept };
}

/**
 * The deadlines the current one replaced through a chain of approved extensions,
 * walking back from the latest. The chain ends where a deadline was set some other
 * way (a staff edit by import): what came before that edit is not kept against it.
 */
function replacedDeadlines(current: string | null, extensions: readonly ApprovedExtension[]): Set<string | null> {
  const replaced = new Set<string | null>();
  let deadline = current;
  for (let i = extensions.length - 1; i >= 0; i--) {
    const e = extensions[i]!;
    if (e.newDeadline !== deadline || e.oldDeadline === null) break;
    replaced.add(e.oldDeadline);
    deadline = e.oldDeadline;
  }
  return replaced;
}

// STATES is listed in the forward order 未开始 → 整改中 → 待核实 → 已销号.
function rank(state: string): number {
  return (STATES as readonly string[]).indexOf(state);
}
