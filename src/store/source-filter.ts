import { sourceMatcher } from "../domain/issue-source.ts";
import type { Tx } from "../handlers/handler-context.ts";

/**
 * The stored source texts a typed filter matches: the distinct sources are few (a ledger
 * writes a handful of spellings), so they are read once and matched here, and the list
 * query then asks for `source IN (…)`.
 */
export async function sourcesMatching(tx: Tx, word: string): Promise<string[]> {
  const rows = await tx.issue.findMany({ select: { source: true }, distinct: ["source"] });
  const matches = sourceMatcher(word);
  return rows.map((r) => r.source).filter(matches);
}
