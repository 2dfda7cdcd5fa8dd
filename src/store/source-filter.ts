import { sourceMatcher } from "../domain/issue-source.ts";
import type { Tx } from "../handlers/handler-context.ts";

/**
 * The stored source texts a typed filter matches: the distinct sources are few (a ledger
 * writes a handful of spellings), so they are read once and matched here, and the list
 * query then asks for `source IN (…)`.
 */
export async function sourcesMatching(tx: Tx, word: string): Promise<string[]> {
  // DISTINCT in SQL: Prisma's `distinct` would read every row and dedupe in memory.
  const rows = await tx.$queryRaw<{ source: string }[]>`SELECT DISTINCT "source" FROM "Issue"`;
  const matches = sourceMatcher(word);
  return rows.map((r) => r.source).filter(matches);
}
