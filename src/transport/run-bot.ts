import qrcodeTerminal from "qrcode-terminal";
import { WechatyBuilder, log as wechatyLog, types } from "wechaty";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../app/create-logger.ts";
import type { Config } from "../config/load-config.ts";
import { systemClock } from "../core/clock.ts";
import { AccountTakenError, lockAccount, type AccountLock } from "../store/account-lock.ts";
import { acquireBotLock, BotLockedError } from "../store/bot-lock.ts";
import { databaseTarget } from "../store/database-url.ts";
import { AccountRooms } from "./account-rooms.ts";
import { attachWechaty } from "./attach-wechaty.ts";
import { ConnectionWatch } from "./connection-watch.ts";
import { attachLifecycle } from "./login-lifecycle.ts";
import { memoryCardName } from "./memory-card-file.ts";
import { StartupError } from "../core/startup-error.ts";
import { resolvePuppet } from "./resolve-puppet.ts";
import { WechatyTransport } from "./wechaty-transport.ts";

/** Production: the bot on the WeChat puppet named by WECHATY_PUPPET. Resolves when it stops. */
export async function runBot(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  // Wechaty's own logger prints stacks to the console; ours says what matters, once.
  wechatyLog.level(config.LOG_LEVEL === "debug" || config.LOG_LEVEL === "trace" ? "verbose" : "silent");
  const puppet = await resolvePuppet(config);
  if (config.DUBAN_ADMINS.length === 0) {
    log.warn("DUBAN_ADMINS is empty: nobody can bind groups, verify or approve, and failed messages reach no one. Set it to the staff's contact ids or aliases (npm run duban -- contacts lists who the bot has seen)");
  }
  // SQLite: one bot per database. PostgreSQL: one per account, locked at login (claimAccount below).
  const target = databaseTarget(config.DATABASE_URL);
  let lock: { release(): void } = { release: () => undefined };
  try {
    if (target.kind === "sqlite") lock = acquireBotLock(target.file);
  } catch (err) {
    if (err instanceof BotLockedError) {
      throw new StartupError(`another duban bot is already running on ${err.dbPath}: stop it first (import, export, status and backup work while it runs)`, 1);
    }
    throw err;
  }

  const bot = WechatyBuilder.build({ name: memoryCardName(config.DUBAN_DATA_DIR, config.WECHATY_NAME, log), puppet: puppet as never });
  // Before login, so a bad calendar file stops start-up at once.
  const app = await createApp({ config, clock: systemClock, transport: new WechatyTransport(bot), log });
  const watch = new ConnectionWatch(log, {
    windowMs: 15_000,
    summaryMs: 10 * 60_000,
    firstBackoffMs: 30_000,
    maxBackoffMs: 15 * 60_000,
    start: () => bot.start(),
    stop: () => bot.stop(),
  });

  // Several processes may share a PostgreSQL store, one per account (README, "PostgreSQL, and several accounts").
  let held: { account: string; lock: AccountLock } | null = null;
  let stop: (() => Promise<void>) | null = null;
  const claimAccount = async (account: string): Promise<boolean> => {
    if (held?.account === account) return true;
    await held?.lock.release();
    held = null;
    try {
      held = { account, lock: await lockAccount(config.DATABASE_URL, account) };
      return true;
    } catch (err) {
      if (!(err instanceof AccountTakenError)) throw err;
      log.error({ account }, `another duban bot is already logged in as ${account} on this database: stopping (one process per account)`);
      process.exitCode = 1;
      void stop?.();
      return false;
    }
  };
  const accountRooms = new AccountRooms(app.store, systemClock);
  attachWechaty(bot, app, new Date(systemClock.now().getTime() - config.DUBAN_STALE_MESSAGE_SECONDS * 1000), { onError: (err) => watch.error(err), accountRooms });
  attachLifecycle(bot, app, { onLogin: () => app.scheduler.startCron(), claimAccount, accountRooms });
  bot.on("scan", (qrcode, status) => {
    watch.reached();
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) {
      log.info({ status: types.ScanStatus[status] }, status === types.ScanStatus.Scanned ? "QR code scanned: confirm the login on the phone" : "login status changed");
      return;
    }
    if (!qrcode) return;
    qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`\n${art}\n`));
    log.info({ url: qrcode }, `waiting for a scan: scan the QR code above with the bot's WeChat account (QR code URL: ${qrcode})`);
  });
  bot.on("login", () => watch.reached());
  bot.on("logout", () => watch.lost());

  // Some puppets reject promises nobody awaits while they reconnect (wechat4u after a
  // stop): those count as connection errors; any other is a bug of ours, logged as one.
  process.on("unhandledRejection", (reason) => {
    if (/node_modules[\\/](wechat|@juzi|grpc)/.test(String((reason as Error | null)?.stack ?? ""))) watch.error(reason);
    else log.error({ err: reason }, "unhandled promise rejection");
  });

  await new Promise<void>((resolve) => {
    const shutdown = async (signal: string) => {
      log.info({ signal }, "shutting down");
      watch.dispose();
      await app.scheduler.stop();
      await bot.stop().catch(() => undefined);
      await app.close();
      await held?.lock.release();
      lock.release();
      resolve();
    };
    stop = () => shutdown("account taken");
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    log.info({ puppet: config.WECHATY_PUPPET, data: config.DUBAN_DATA_DIR }, `duban starting on ${config.WECHATY_PUPPET}`);
    void watch.begin();
  });
}
