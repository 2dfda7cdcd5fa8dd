import type { Day } from "../core/zoned-time.ts";
import type { Tx } from "./open-store.ts";

/** A problem that enters from chat (交办, 自查) rather than from a ledger. */
export interface ChatIssue {
  unitId: number;
  description: string;
  source: string;
  /** null: long-term (长期坚持). */
  deadline: Day | null;
  /** 交办 waits for the unit's 签收. */
  ackPending: boolean;
}

/** Stores it under the next free code, assigned today, not started. */
export async function registerIssue(tx: Tx, c: { prefix: string; today: Day; now: Date }, issue: ChatIssue) {
  const code = await nextIssueCode(tx, c.prefix, Number(c.today.slice(0, 4)));
  return tx.issue.create({ data: { ...issue, code, assignedOn: c.today, state: "NOT_STARTED", createdAt: c.now, updatedAt: c.now } });
}

/**
 * The next free `<prefix>-<year>-<NNN>`: one more than the highest number any code of that
 * prefix and year carries, however it was spelt (an imported `DB2026007` or `db-2026-7`
 * takes its number too: upper() folds its letters, as LIKE alone would on SQLite but not on
 * PostgreSQL), so a code from chat never collides with one from a ledger.
 */
async function nextIssueCode(tx: Tx, prefix: string, year: number): Promise<string> {
  const head = `${prefix}${year}`;
  const rows = await tx.$queryRaw<{ code: string }[]>`
    SELECT "code" FROM "Issue" WHERE upper(replace(replace("code", '-', ''), '_', '')) LIKE ${`${head.toUpperCase()}%`}`;
  let max = 0;
  for (const { code } of rows) {
    const tail = code.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(head.length);
    if (/^\d+$/.test(tail)) max = Math.max(max, Number(tail));
  }
  return `${prefix}-${year}-${String(max + 1).padStart(3, "0")}`;
}
