import { WechatyBuilder } from "wechaty";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../app/create-logger.ts";
import { createScheduler } from "../schedule/scheduler.ts";
import type { Config } from "../config/load-config.ts";
import { systemClock } from "../core/clock.ts";
import { attachWechaty } from "./attach-wechaty.ts";
import { relinkRooms } from "./relink-rooms.ts";
import { WechatyTransport } from "./wechaty-transport.ts";

/** Production: the bot on the WeChat puppet named by WECHATY_PUPPET. */
export async function runBot(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const bot = WechatyBuilder.build({
    name: config.WECHATY_NAME,
    puppet: config.WECHATY_PUPPET as never,
    ...(config.WECHATY_PUPPET_SERVICE_TOKEN ? { puppetOptions: { token: config.WECHATY_PUPPET_SERVICE_TOKEN } } : {}),
  });
  const app = await createApp({ config, clock: systemClock, transport: new WechatyTransport(bot), log });
  // Created before login, so a bad calendar file stops start-up at once.
  const scheduler = await createScheduler(app);
  const startedAt = systemClock.now();
  attachWechaty(bot, app, new Date(startedAt.getTime() - config.DUBAN_STALE_MESSAGE_SECONDS * 1000));
  bot.on("scan", (qrcode, status) => log.info({ status, qrcode }, "scan this QR code with the bot's WeChat account to log in"));
  bot.on("login", (user) => {
    log.info({ user: user.name() }, "logged in");
    // Quotes of the bot's messages and @mentions carry its WeChat name: they must agree.
    if (user.name() !== config.DUBAN_BOT_NAME) {
      log.warn({ account: user.name(), DUBAN_BOT_NAME: config.DUBAN_BOT_NAME }, "DUBAN_BOT_NAME differs from the account's WeChat name: quoted replies to the bot will not be recognised; set DUBAN_BOT_NAME to the account's name");
    }
    void relinkRooms(bot, app).catch((err: unknown) => log.error({ err }, "could not relink groups"));
    app.sender.start();
    // Also runs, once, any of today's jobs missed while the bot was down.
    scheduler.startCron();
  });
  bot.on("logout", (user) => log.warn({ user: user.name() }, "logged out"));
  const shutdown = async () => {
    log.info("shutting down");
    await scheduler.stop();
    await bot.stop().catch(() => undefined);
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await bot.start();
  log.info({ puppet: config.WECHATY_PUPPET }, "duban started");
}
