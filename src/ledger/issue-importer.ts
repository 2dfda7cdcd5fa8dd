import { EVENT } from "../domain/event-type.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { approvedExtensions } from "./approved-extensions.ts";
import type { ApprovedExtension } from "./keep-newer.ts";
import { findIssuesByCode, findMilestonesByCode, insertEvents, insertIssues, replaceMilestones, updateIssues } from "./bulk-write.ts";
import { ensureUnits } from "./ensure-units.ts";
import { REPORT_LINES, type ImportCounts } from "./format-import-result.ts";
import { planImport, type ExistingIssue } from "./import-plan.ts";
import type { LedgerRow } from "./ledger-row.ts";
import type { StoredMilestone } from "../domain/milestone-plan.ts";

export interface ImportOptions {
  /** Who imported: stored as both actorId and actorName of the history events. */
  actor: string;
  now: Date;
}

/**
 * Writes validated rows inside the caller's transaction, one batch at a time, so a
 * city-wide ledger never has all its rows, or every stored issue, in memory at once.
 * Each batch takes a fixed number of statements whatever its size (per-row queries
 * through Prisma cost about a millisecond each). Only issues whose ledger fields differ
 * are written, each with an IMPORT_UPDATE event; a state or deadline newer than the
 * file's (set in chat since) is kept, see keepNewer.
 */
export class IssueImporter {
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, unitsCreated: 0, changes: [], kept: [] };
  private extensions: Map<number, ApprovedExtension[]> | undefined;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly opts: ImportOptions,
  ) {}

  async write(rows: LedgerRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { tx } = this;
    const { actor, now } = this.opts;
    const units = await ensureUnits(tx, new Set(rows.map((r) => r.unitName)), now);
    this.extensions ??= await approvedExtensions(tx);
    const extensions = this.extensions;
    const codes = rows.map((r) => r.code);
    const existing = await findIssuesByCode(tx, codes);
    // Only a file with a 整改节点 column says anything about milestones.
    const milestones = rows.some((r) => r.milestones) ? await findMilestonesByCode(tx, codes) : new Map<string, StoredMilestone[]>();
    const byCode = new Map<string, ExistingIssue>(
      existing.map(({ id, ...i }) => [i.code, { ...i, extensions: extensions.get(id) ?? [], milestones: milestones.get(i.code) ?? [] }]),
    );
    const plan = planImport(rows, byCode, units.idOf, (id) => units.names.get(id) ?? `#${id}`, now);
    await insertIssues(tx, plan.creates, now);
    await updateIssues(tx, plan.updates, now);
    await replaceMilestones(tx, plan.milestones);
    await insertEvents(
      tx,
      [
        ...plan.creates.map((c) => ({
          code: c.code,
          type: EVENT.IMPORT_CREATE,
          text: "台账导入新建",
          fromState: null,
          toState: c.fields.state,
          oldDeadline: null,
          newDeadline: c.fields.deadline,
        })),
        ...plan.updates.map((u) => ({ ...u, type: EVENT.IMPORT_UPDATE })),
      ],
      actor,
      now,
    );
    this.counts.created += plan.creates.length;
    this.counts.updated += plan.updates.length;
    for (const u of plan.updates.slice(0, REPORT_LINES - this.counts.changes.length)) this.counts.changes.push({ code: u.code, text: u.text });
    this.counts.unchanged += plan.unchanged;
    this.counts.unitsCreated += units.created;
    this.counts.kept.push(...plan.kept);
  }
}
