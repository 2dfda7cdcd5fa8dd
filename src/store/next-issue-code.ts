import type { Tx } from "../handlers/handler-context.ts";

/**
 * The next free `<prefix>-<year>-<NNN>`: one more than the highest number any code of that
 * prefix and year carries, however it was spelt (an imported `DB2026007` or `db-2026-7`
 * takes its number too; LIKE ignores ASCII case), so a code from chat never collides with
 * one from a ledger.
 */
export async function nextIssueCode(tx: Tx, prefix: string, year: number): Promise<string> {
  const head = `${prefix}${year}`;
  const rows = await tx.$queryRaw<{ code: string }[]>`
    SELECT "code" FROM "Issue" WHERE replace(replace("code", '-', ''), '_', '') LIKE ${`${head}%`}`;
  let max = 0;
  for (const { code } of rows) {
    const tail = code.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(head.length);
    if (/^\d+$/.test(tail)) max = Math.max(max, Number(tail));
  }
  return `${prefix}-${year}-${String(max + 1).padStart(3, "0")}`;
}
