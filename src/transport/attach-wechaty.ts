import type { WechatyInterface } from "wechaty/impls";
import type { App } from "../app/create-app.ts";
import { toInbound } from "./to-inbound.ts";

export interface AttachOptions {
  /** Called once per message event the app has finished with (handled or ignored): the simulator counts these. */
  onSettled?: () => void;
  /** Wechaty's error events (a Wechaty with no listener for them dies of the first one); logged by default. */
  onError?: (err: unknown) => void;
}

/** Feeds a Wechaty's messages and group events into the app. */
export function attachWechaty(bot: WechatyInterface, app: App, notBefore: Date, o: AttachOptions = {}): void {
  bot.on("error", o.onError ?? ((err) => app.log.error({ err }, "wechaty error")));
  bot.on("message", async (message) => {
    try {
      const inbound = await toInbound(message, app.clock.now(), notBefore);
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
  bot.on("room-leave", async (room, leavers) => {
    await app.pipeline.membersLeft(room.id, leavers.map((c) => c.id));
  });
}
