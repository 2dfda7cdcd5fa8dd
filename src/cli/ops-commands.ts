import { ConfigError, type Config } from "../config/load-config.ts";
import { systemClock } from "../core/clock.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { backupStore } from "../ops/backup-database.ts";
import { listBindings, unbindRoom } from "../ops/bindings.ts";
import { formatFindings, runDoctor } from "../ops/doctor.ts";
import { listContacts } from "../ops/list-contacts.ts";
import { listOutbox, retryOutbox } from "../ops/outbox-admin.ts";
import { statusReport } from "../ops/status-report.ts";
import { liveAccounts } from "../store/account-lock.ts";
import { isBotRunning } from "../store/bot-lock.ts";
import { databaseTarget } from "../store/database-url.ts";
import { openStore, type Store } from "../store/open-store.ts";
import { readConfigOrExit } from "./read-config.ts";

const say = (text: string) => process.stdout.write(`${text}\n`);

/**
 * Runs an operator's command on the store. A problem the operator can act on (an Error
 * these commands throw with a Chinese message) is printed as one line, exit code 1; a
 * report whose `problems` is non-zero is printed, exit code 1.
 */
async function withStore(run: (store: Store, config: Config, time: ZonedTime) => Promise<string | { text: string; problems: number }>): Promise<number> {
  const config = readConfigOrExit();
  const store = await openStore(config.DATABASE_URL);
  try {
    const result = await run(store, config, new ZonedTime(config.DUBAN_TZ));
    if (typeof result === "string") {
      say(result);
      return 0;
    }
    say(result.text);
    return result.problems ? 1 : 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.problems.join("\n")}\n`);
      return 78;
    }
    if (!(err instanceof Error) || !/[\u4e00-\u9fff]/.test(err.message)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    await store.$disconnect();
  }
}

export const runStatus = () =>
  withStore(async (store, config) => {
    const target = databaseTarget(config.DATABASE_URL);
    const running = target.kind === "sqlite" ? isBotRunning(target.file) : ((await liveAccounts(config.DATABASE_URL)) ?? []);
    return statusReport(store, config, systemClock.now(), running);
  });

export async function runDoctorCommand(): Promise<number> {
  const findings = await runDoctor(process.env, systemClock.now());
  say(formatFindings(findings));
  return findings.some((f) => f.verdict === "fail") ? 1 : 0;
}

export async function runBackup(file: string): Promise<number> {
  const config = readConfigOrExit();
  try {
    const { issues, bytes } = await backupStore(config.DATABASE_URL, file);
    say(`已备份到 ${file}（${(bytes / 1024 / 1024).toFixed(1)} MB，问题 ${issues} 个）。恢复方法见 docs/operations.md 的 Backup and restore。`);
    return 0;
  } catch (err) {
    process.stderr.write(`备份失败：${(err as Error).message}\n`);
    return 1;
  }
}

export const runBindings = () => withStore((store, _config, time) => listBindings(store, time));
export const runUnbind = (topic: string) => withStore((store) => unbindRoom(store, topic));
export const runContacts = () => withStore((store, config, time) => listContacts(store, config, time));

export async function runOutbox(action: string | undefined, which: string | undefined, failedOnly: boolean): Promise<number> {
  if (action === undefined) return withStore((store, _config, time) => listOutbox(store, time, failedOnly));
  if (action === "retry" && which) return withStore((store) => retryOutbox(store, which, systemClock.now()));
  process.stderr.write("用法：outbox [--failed] 查看队列；outbox retry <编号|all> 重发失败的消息\n");
  return 2;
}
