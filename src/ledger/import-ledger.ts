import type { ZonedTime } from "../core/zoned-time.ts";
import type { Store } from "../store/open-store.ts";
import type { ImportCounts, ImportResult } from "./format-import-result.ts";
import { IssueImporter, type ImportOptions } from "./issue-importer.ts";
import { LedgerError } from "./ledger-error.ts";
import type { LedgerProblem, LedgerRow } from "./ledger-row.ts";
import { openLedgerFile } from "./read-ledger.ts";
import { releaseGarbage } from "./release-garbage.ts";
import { RowValidator } from "./validate-ledger.ts";

export { formatImportResult, type ImportCounts, type ImportResult } from "./format-import-result.ts";
export type { ImportOptions } from "./issue-importer.ts";

export interface FileImportOptions extends ImportOptions {
  /** DUBAN_IMMEDIATE_DAYS: a 立行立改 deadline is the import day plus these; its default when left out. */
  immediateDays?: number;
}

/**
 * DUBAN_IMMEDIATE_DAYS's default, for callers without a config (tests, tools). Not read
 * from load-config: that would load zod into every import, ~10 MB of a big import's peak.
 */
export const DEFAULT_IMMEDIATE_DAYS = 7;

// SQLite holds the write lock from the first batch written to the commit; a city-wide
// ledger must not hit Prisma's 5 s default for interactive transactions.
const TX_OPTIONS = { maxWait: 10_000, timeout: 600_000 };

// Rows planned and written per step, in a fixed number of statements.
const BATCH = 2_000;
// Rows between two full garbage collections, see releaseGarbage.
const GC_EVERY = 5_000;

/** Writes validated rows, all or nothing, in one transaction. */
export async function importLedger(store: Store, rows: LedgerRow[], opts: ImportOptions): Promise<ImportCounts> {
  return store.$transaction(async (tx) => {
    const importer = new IssueImporter(tx, opts);
    for (let from = 0; from < rows.length; from += BATCH) await importer.write(rows.slice(from, from + BATCH));
    return importer.counts;
  }, TX_OPTIONS);
}

/** Thrown inside the import's transaction to roll back what was written of a bad file. */
class BadRows extends Error {
  constructor(readonly errors: LedgerProblem[]) {
    super("ledger has bad rows");
  }
}

/**
 * Read, check and import a ledger file, all or nothing. The file is streamed: good
 * rows are written batch by batch inside one transaction while the rest is read, and
 * the first bad row stops the writing; a file with any bad row is rolled back and
 * comes back as the list of every problem. An unreadable file comes back as
 * `fileError`. Only store failures throw.
 */
export async function importLedgerFile(store: Store, file: string, zonedTime: ZonedTime, opts: FileImportOptions): Promise<ImportResult> {
  try {
    const ledger = await openLedgerFile(file);
    const validator = new RowValidator(ledger.headers, { today: zonedTime.today(opts.now), immediateDays: opts.immediateDays ?? DEFAULT_IMMEDIATE_DAYS });
    // openLedgerFile found a header row with every required column: no header errors here.
    const counts = await store.$transaction(async (tx) => {
      const importer = new IssueImporter(tx, opts);
      const errors: LedgerProblem[] = [];
      let batch: LedgerRow[] = [];
      let read = 0;
      for await (const raw of ledger.rows) {
        if (++read % GC_EVERY === 0) releaseGarbage();
        const checked = validator.check(raw);
        if ("problems" in checked) {
          errors.push(...checked.problems);
          batch = [];
        } else if (errors.length === 0) {
          batch.push(checked.row);
          if (batch.length === BATCH) {
            await importer.write(batch);
            batch = [];
          }
        }
      }
      if (errors.length > 0) throw new BadRows(errors);
      await importer.write(batch);
      return importer.counts;
    }, TX_OPTIONS);
    return { ok: true, ...counts };
  } catch (err) {
    if (err instanceof BadRows) return { ok: false, errors: err.errors };
    if (err instanceof LedgerError) return { ok: false, errors: [], fileError: err.userMessage };
    throw err;
  }
}
