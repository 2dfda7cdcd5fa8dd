import { EVENT } from "../domain/event-type.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ApprovedExtension } from "./keep-newer.ts";

/**
 * Every issue's approved extensions, oldest first, by issue id, in one query for the
 * whole import: extensions are rare, so this reads few rows however long the ledger is.
 */
export async function approvedExtensions(tx: Prisma.TransactionClient): Promise<Map<number, ApprovedExtension[]>> {
  const events = await tx.issueEvent.findMany({
    where: { type: EVENT.EXTENSION_APPROVED },
    select: { issueId: true, oldDeadline: true, newDeadline: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const byIssue = new Map<number, ApprovedExtension[]>();
  for (const e of events) {
    const list = byIssue.get(e.issueId) ?? [];
    list.push({ oldDeadline: e.oldDeadline, newDeadline: e.newDeadline });
    byIssue.set(e.issueId, list);
  }
  return byIssue;
}
