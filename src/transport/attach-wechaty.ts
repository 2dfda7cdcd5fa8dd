import type { WechatyInterface } from "wechaty/impls";
import type { App } from "../app/create-app.ts";
import type { AccountRooms } from "./account-rooms.ts";
import { toInbound } from "./to-inbound.ts";

export interface AttachOptions {
  /** Called once per message event the app has finished with (handled or ignored): the simulator counts these. */
  onSettled?: () => void;
  /** Wechaty's error events (a Wechaty with no listener for them dies of the first one); logged by default. */
  onError?: (err: unknown) => void;
  /** Where the account's groups are recorded, when several accounts may share the store (run-bot). */
  accountRooms?: AccountRooms;
}

/** Feeds a Wechaty's messages and group events into the app. */
export function attachWechaty(bot: WechatyInterface, app: App, notBefore: Date, o: AttachOptions = {}): void {
  bot.on("error", o.onError ?? ((err) => app.log.error({ err }, "wechaty error")));
  bot.on("message", async (message) => {
    try {
      const inbound = await toInbound(message, app.clock.now(), notBefore);
      if (inbound?.room && inbound.account) {
        await o.accountRooms?.joined(inbound.account, inbound.room.id).catch((err: unknown) => app.log.error({ err }, "could not record the group"));
      }
      if (inbound) await app.pipeline.submit(inbound);
    } catch (err) {
      app.log.error({ err, msgId: message.id }, "could not read message");
    } finally {
      if (!message.self()) o.onSettled?.();
    }
  });
  bot.on("room-topic", async (room, topic) => {
    await app.pipeline.roomRenamed(room.id, topic).catch((err: unknown) => app.log.error({ err }, "room rename failed"));
  });
  bot.on("room-join", async (room) => {
    // Whoever joined, the account is in the group.
    if (bot.isLoggedIn) await o.accountRooms?.joined(bot.currentUser.id, room.id).catch((err: unknown) => app.log.error({ err }, "could not record the group"));
  });
  bot.on("room-leave", async (room, leavers) => {
    const self = bot.isLoggedIn ? bot.currentUser.id : null;
    if (self && leavers.some((c) => c.id === self)) await o.accountRooms?.left(self, room.id).catch((err: unknown) => app.log.error({ err }, "could not record leaving the group"));
    await app.pipeline.membersLeft(room.id, leavers.map((c) => c.id));
  });
}
