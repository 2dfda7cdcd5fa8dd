import type { WechatyInterface } from "wechaty/impls";
import type { App } from "../app/create-app.ts";
import { loginNotice } from "../format/login-notice.ts";
import { PRIORITY, enqueue } from "../outbox/enqueue.ts";
import type { AccountRooms } from "./account-rooms.ts";
import { relinkRooms } from "./relink-rooms.ts";

export interface LifecycleOptions {
  /**
   * How long after a login to wait for the puppet's `ready` (its contact and group lists
   * loaded) before matching the bound groups anyway.
   */
  settleMs?: number;
  /** Once the account is this process's (see claimAccount). */
  onLogin?: () => void;
  /**
   * Makes the logged-in account (its WeChat id) this process's alone, when several bot
   * processes share the store; false when another live process has it: this one then
   * neither sends nor starts its jobs (the callback says why and stops it).
   */
  claimAccount?: (account: string) => Promise<boolean>;
  /** Records the account's groups after each login, for the outbox to route by. */
  accountRooms?: AccountRooms;
}

/**
 * What a login and a logout mean for sending. The outbox's loop runs from the start but
 * stays paused until a login; the logged-in account is then claimed for this process (on
 * a shared store, one process per account) and its sender takes the rows that account can
 * deliver. After each login, once the groups are loaded, the account's groups are
 * recorded, the bindings are matched again (a renumbered group gets its new id, and so do
 * the messages waiting for it), sending resumes, and the admins are told what was found.
 * A logout pauses sending: nothing is marked failed, nothing is lost.
 */
export function attachLifecycle(bot: WechatyInterface, app: App, o: LifecycleOptions = {}): void {
  const { log, config } = app;
  let generation = 0;
  let pending: (() => Promise<void>) | null = null;
  app.sender.pause();
  app.sender.start();

  bot.on("ready", () => void pending?.());

  bot.on("login", (user) => {
    const account = user.name();
    const mine = ++generation;
    log.info({ account }, `logged in as ${account}`);
    // Quotes of the bot's messages and @mentions carry its WeChat name: they must agree.
    if (account !== config.DUBAN_BOT_NAME) {
      log.warn({ account, DUBAN_BOT_NAME: config.DUBAN_BOT_NAME }, "DUBAN_BOT_NAME differs from the account's WeChat name: quoted replies to the bot will not be recognised; set DUBAN_BOT_NAME to the account's name");
    }
    // The sender takes the rows this account can deliver, once the account is ours.
    const claimed = (async () => {
      if (o.claimAccount && !(await o.claimAccount(user.id))) return false;
      await app.sender.sendAs(user.id);
      o.onLogin?.();
      return true;
    })().catch((err: unknown) => {
      log.error({ err }, "could not claim the account: not sending");
      return false;
    });
    const relink = async () => {
      if (pending !== relink) return;
      pending = null;
      if (!(await claimed)) return;
      try {
        const rooms = await o.accountRooms?.listed(bot, user.id);
        if (rooms !== undefined) log.info({ rooms }, `the account is in ${rooms} groups`);
        const report = await relinkRooms(bot, app);
        if (mine !== generation) return; // logged out meanwhile
        const now = app.clock.now();
        const text = loginNotice(account, report);
        await enqueue(
          app.store,
          config.DUBAN_ADMINS.map((a) => ({ key: `login:${now.toISOString()}:${a}`, target: { kind: "contact" as const, id: a, name: a }, text, priority: PRIORITY.leaders })),
          now,
          config.DUBAN_MAX_MESSAGE_CHARS,
        );
      } catch (err) {
        log.error({ err }, "could not match the bound groups after login");
      }
      if (mine === generation) app.sender.resume();
    };
    pending = relink;
    setTimeout(() => void relink(), o.settleMs ?? 60_000).unref();
  });

  bot.on("logout", (user) => {
    generation++;
    pending = null;
    app.sender.pause();
    log.warn({ account: user.name() }, "logged out: sending paused until the next login (scan the QR code again if asked)");
  });
}
