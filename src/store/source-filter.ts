import { knownSource, sourceMatcher } from "../domain/issue-source.ts";
import type { Tx } from "./open-store.ts";

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

/** A source filter: what was typed, and the stored source texts it matches. */
export interface SourceFilter {
  word: string;
  sources: string[];
}

/**
 * A word is a source filter when it names a known source (whether or not any issue has it
 * yet) or is part of a stored one; anything else is no source, and the caller says so
 * rather than answer a false 没有问题.
 */
export async function sourceFilter(tx: Tx, word: string): Promise<SourceFilter | null> {
  const sources = await sourcesMatching(tx, word);
  return sources.length > 0 || knownSource(word) ? { word, sources } : null;
}
