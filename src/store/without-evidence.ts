import type { Tx } from "./open-store.ts";

/** Of these issues, the ones with no photo or file kept: one query for all of them. */
export async function withoutEvidence(tx: Tx, issueIds: readonly number[]): Promise<Set<number>> {
  const kept = await tx.attachment.groupBy({ by: ["issueId"], where: { issueId: { in: [...issueIds] } } });
  const has = new Set(kept.map((k) => k.issueId));
  return new Set(issueIds.filter((id) => !has.has(id)));
}
