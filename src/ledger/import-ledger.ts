import type { ZonedTime } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import type { Store } from "../store/open-store.ts";
import { insertEvents, insertIssues, updateIssues } from "./bulk-write.ts";
import { approvedExtensions } from "./approved-extensions.ts";
import { ensureUnits } from "./ensure-units.ts";
import type { ImportCounts, ImportResult } from "./format-import-result.ts";
import { planImport, type ExistingIssue } from "./import-plan.ts";
import { LedgerError } from "./ledger-error.ts";
import type { LedgerProblem, LedgerRow } from "./ledger-row.ts";
import { openLedgerFile } from "./read-ledger.ts";
import { RowValidator } from "./validate-ledger.ts";

export { formatImportResult, type ImportCounts, type ImportResult } from "./format-import-result.ts";

export interface ImportOptions {
  /** Who imported: stored as both actorId and actorName of the history events. */
  actor: string;
  now: Date;
}

// SQLite holds the write lock for the whole import; a big first import of thousands of
// rows must not hit Prisma's 5 s default for interactive transactions.
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };

// Rows planned and written per step: the issues they name are read per batch, so a
// city-wide ledger never has every stored issue in memory at once.
const BATCH = 2_000;

/**
 * Writes validated rows, all or nothing: one transaction, a fixed number of statements
 * per batch of rows whatever the row count (per-row queries through Prisma cost about a
 * millisecond each). Only issues whose ledger fields differ are written, each with an
 * IMPORT_UPDATE event; a state or deadline newer than the file's (set in chat since)
 * is kept, see keepNewer.
 */
export async function importLedger(store: Store, rows: LedgerRow[], opts: ImportOptions): Promise<ImportCounts> {
  const { actor, now } = opts;
  return store.$transaction(async (tx) => {
    const units = await ensureUnits(tx, rows.map((r) => r.unitName), now);
    const extensions = await approvedExtensions(tx);
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, unitsCreated: units.created, kept: [] };
    for (let from = 0; from < rows.length; from += BATCH) {
      const batch = rows.slice(from, from + BATCH);
      const existing = await tx.issue.findMany({ where: { code: { in: batch.map((r) => r.code) } }, select: EXISTING_SELECT });
      const byCode = new Map<string, ExistingIssue>(
        existing.map(({ id, ...i }) => [i.code, { ...i, extensions: extensions.get(id) ?? [] }]),
      );
      const plan = planImport(batch, byCode, units.idOf, (id) => units.names.get(id) ?? `#${id}`, now);
      await insertIssues(tx, plan.creates, now);
      await updateIssues(tx, plan.updates, now);
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
      counts.created += plan.creates.length;
      counts.updated += plan.updates.length;
      counts.unchanged += plan.unchanged;
      counts.kept.push(...plan.kept);
    }
    return counts;
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
 * Read, check and import a ledger file. The file is read as a stream and every row
 * checked before anything is written: a file with any bad row imports nothing and
 * comes back as the list of problems; an unreadable one as `fileError`. Only store
 * failures throw.
 */
export async function importLedgerFile(
  store: Store,
  file: string,
  zonedTime: ZonedTime,
  opts: ImportOptions,
): Promise<ImportResult> {
  const rows: LedgerRow[] = [];
  const errors: LedgerProblem[] = [];
  try {
    const ledger = await openLedgerFile(file);
    const validator = new RowValidator(ledger.headers, zonedTime);
    if (validator.headerErrors.length > 0) return { ok: false, errors: validator.headerErrors };
    for await (const raw of ledger.rows) {
      const checked = validator.check(raw);
      if ("row" in checked) {
        // Once the file is known to be bad, its good rows are no longer needed.
        if (errors.length === 0) rows.push(checked.row);
      } else {
        errors.push(...checked.problems);
        rows.length = 0;
      }
    }
  } catch (err) {
    if (err instanceof LedgerError) return { ok: false, errors: [], fileError: err.userMessage };
    throw err;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ...(await importLedger(store, rows, opts)) };
}
