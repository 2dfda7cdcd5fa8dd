import { EVENT } from "../domain/event-type.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ApprovedExtension } from "./keep-newer.ts";

/**
 * Each issue's latest approved extension, by issue id, in one query for the whole
 * import: extensions are rare, so this reads few rows however long the ledger is.
 */
export async function latestExtensions(tx: Prisma.TransactionClient): Promise<Map<number, ApprovedExtension>> {
  const events = await tx.issueEvent.findMany({
    where: { type: EVENT.EXTENSION_APPROVED },
    select: { issueId: true, oldDeadline: true, newDeadline: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const latest = new Map<number, ApprovedExtension>();
  // Oldest first, so the last one set for an issue is its latest.
  for (const e of events) latest.set(e.issueId, { oldDeadline: e.oldDeadline, newDeadline: e.newDeadline });
  return latest;
}
