import type { ZonedTime } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import type { Store } from "../store/open-store.ts";
import { ensureUnits } from "./ensure-units.ts";
import type { ImportCounts, ImportResult } from "./format-import-result.ts";
import { planImport, type ExistingIssue } from "./import-plan.ts";
import type { LedgerRow } from "./ledger-row.ts";
import { readLedgerFile } from "./read-ledger.ts";
import { validateLedger } from "./validate-ledger.ts";

export { formatImportResult, type ImportCounts, type ImportResult } from "./format-import-result.ts";

export interface ImportOptions {
  /** Who imported: stored as both actorId and actorName of the history events. */
  actor: string;
  now: Date;
}

// SQLite holds the write lock for the whole import; a big first import of thousands of
// rows must not hit Prisma's 5 s default for interactive transactions.
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };

/**
 * Writes validated rows, all or nothing. A fixed number of statements whatever the
 * row count (plus one per issue that actually changed): per-row queries through
 * Prisma cost about a millisecond each.
 */
export async function importLedger(store: Store, rows: LedgerRow[], opts: ImportOptions): Promise<ImportCounts> {
  const { actor, now } = opts;
  return store.$transaction(async (tx) => {
    const units = await ensureUnits(tx, rows.map((r) => r.unitName), now);
    const existing = await tx.issue.findMany({ select: EXISTING_SELECT });
    const byCode = new Map<string, ExistingIssue>(existing.map((i) => [i.code, i]));
    const plan = planImport(rows, byCode, units.ids, (id) => units.names.get(id) ?? `#${id}`, now);
    const actorFields = { actorId: actor, actorName: actor, at: now };

    if (plan.creates.length > 0) {
      const made = await tx.issue.createManyAndReturn({
        data: plan.creates.map(({ code, fields }) => ({
          code,
          ...fields,
          closedAt: fields.state === "CLOSED" ? now : null,
          createdAt: now,
          updatedAt: now,
        })),
        select: { id: true, deadline: true, state: true },
      });
      await tx.issueEvent.createMany({
        data: made.map((i) => ({
          issueId: i.id,
          type: EVENT.IMPORT_CREATE,
          text: "台账导入新建",
          toState: i.state,
          newDeadline: i.deadline,
          ...actorFields,
        })),
      });
    }
    for (const u of plan.updates) {
      await tx.issue.update({ where: { id: u.id }, data: { ...u.data, updatedAt: now } });
    }
    if (plan.updates.length > 0) {
      await tx.issueEvent.createMany({
        data: plan.updates.map((u) => ({
          issueId: u.id,
          type: EVENT.IMPORT_UPDATE,
          text: u.text,
          fromState: u.fromState,
          toState: u.toState,
          oldDeadline: u.oldDeadline,
          newDeadline: u.newDeadline,
          ...actorFields,
        })),
      });
    }
    return {
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      unitsCreated: units.created,
    };
  }, TX_OPTIONS);
}

const EXISTING_SELECT = {
  id: true,
  code: true,
  description: true,
  unitId: true,
  deadline: true,
  source: true,
  category: true,
  coUnits: true,
  leader: true,
  measures: true,
  state: true,
  closedAt: true,
} as const;

/**
 * Read, check and import a ledger file. A file with any bad row imports nothing and
 * comes back as the list of problems; an unreadable file throws a LedgerError.
 */
export async function importLedgerFile(
  store: Store,
  file: string,
  zonedTime: ZonedTime,
  opts: ImportOptions,
): Promise<ImportResult> {
  const checked = validateLedger(await readLedgerFile(file), zonedTime);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return { ok: true, ...(await importLedger(store, checked.rows, opts)) };
}
