import { systemClock } from "../core/clock.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { exportLedger } from "../ledger/export-ledger.ts";
import { formatImportResult, importLedgerFile } from "../ledger/import-ledger.ts";
import { LedgerError } from "../ledger/ledger-error.ts";
import { openStore } from "../store/open-store.ts";
import { readConfigOrExit } from "./read-config.ts";
import { userInfo } from "node:os";

export async function runImportCommand(file: string): Promise<number> {
  const config = readConfigOrExit();
  const store = await openStore(config.DATABASE_URL);
  try {
    const result = await importLedgerFile(store, file, new ZonedTime(config.DUBAN_TZ), {
      actor: `cli:${userInfo().username}`,
      now: systemClock.now(),
      immediateDays: config.DUBAN_IMMEDIATE_DAYS,
    });
    (result.ok ? process.stdout : process.stderr).write(`${formatImportResult(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await store.$disconnect();
  }
}

export async function runExportCommand(file: string): Promise<number> {
  const config = readConfigOrExit();
  const store = await openStore(config.DATABASE_URL);
  try {
    const n = await exportLedger(store, file, { zonedTime: new ZonedTime(config.DUBAN_TZ), now: systemClock.now() });
    process.stdout.write(`已导出 ${n} 条问题到 ${file}\n`);
    return 0;
  } catch (e) {
    if (e instanceof LedgerError) {
      process.stderr.write(`${e.userMessage}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.$disconnect();
  }
}
