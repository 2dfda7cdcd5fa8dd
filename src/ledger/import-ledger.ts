import type { ZonedTime } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import type { Store } from "../store/open-store.ts";
import { insertEvents, insertIssues, updateIssues } from "./bulk-write.ts";
import { approvedExtensions } from "./approved-extensions.ts";
import { ensureUnits } from "./ensure-units.ts";
import type { ImportCounts, ImportResult } from "./format-import-result.ts";
import { planImport, type ExistingIssue } from "./import-plan.ts";
import { LedgerError } from "./ledger-error.ts";
import type { LedgerRow } from "./ledger-row.ts";
import type { RawSheet } from "./raw-sheet.ts";
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
 * Writes validated rows, all or nothing, in a fixed number of statements whatever the
 * row count: per-row queries through Prisma cost about a millisecond each. Only issues
 * whose ledger fields differ are written, each with an IMPORT_UPDATE event; a state or
 * deadline newer than the file's (set in chat since) is kept, see keepNewer.
 */
export async function importLedger(store: Store, rows: LedgerRow[], opts: ImportOptions): Promise<ImportCounts> {
  const { actor, now } = opts;
  return store.$transaction(async (tx) => {
    const units = await ensureUnits(tx, rows.map((r) => r.unitName), now);
    const existing = await tx.issue.findMany({ select: EXISTING_SELECT });
    const extensions = await approvedExtensions(tx);
    const byCode = new Map<string, ExistingIssue>(
      existing.map(({ id, ...i }) => [i.code, { ...i, extensions: extensions.get(id) ?? [] }]),
    );
    const plan = planImport(rows, byCode, units.idOf, (id) => units.names.get(id) ?? `#${id}`, now);
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
    return {
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      unitsCreated: units.created,
      kept: plan.kept,
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
 * comes back as the list of problems; an unreadable one as `fileError`. Only store
 * failures throw.
 */
export async function importLedgerFile(
  store: Store,
  file: string,
  zonedTime: ZonedTime,
  opts: ImportOptions,
): Promise<ImportResult> {
  let sheet: RawSheet;
  try {
    sheet = await readLedgerFile(file);
  } catch (err) {
    if (err instanceof LedgerError) return { ok: false, errors: [], fileError: err.userMessage };
    throw err;
  }
  const checked = validateLedger(sheet, zonedTime);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return { ok: true, ...(await importLedger(store, checked.rows, opts)) };
}
