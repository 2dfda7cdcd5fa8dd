import type { Message } from "wechaty";
import { types } from "wechaty";
import type { InboundMessage } from "../bot/inbound-message.ts";

/**
 * A Wechaty message → the plain object the domain reads; null for what the bot ignores:
 * its own messages, messages older than the bot's start (WeChat replays history at
 * login), and kinds it does not handle (voice, links, stickers…). Photos and files are
 * read only when they turn out to be evidence.
 */
export async function toInbound(msg: Message, at: Date, notBefore: Date): Promise<InboundMessage | null> {
  if (msg.self()) return null;
  if (msg.date().getTime() < notBefore.getTime()) return null;
  const type = msg.type();
  if (type !== types.Message.Text && type !== types.Message.Image && type !== types.Message.Attachment) return null;
  const talker = msg.talker();
  const room = msg.room();
  const alias = await talker.alias().catch(() => undefined);
  const base = {
    id: msg.id,
    at,
    room: room ? { id: room.id, topic: await room.topic() } : null,
    sender: { id: talker.id, name: talker.name(), alias: alias ?? undefined },
  };
  if (type === types.Message.Image) {
    return {
      ...base,
      text: "",
      mentionsBot: false,
      attachment: {
        kind: "image",
        fileName: `${msg.id}.jpg`,
        read: async () => {
          const box = await msg.toFileBox();
          return box.toBuffer();
        },
      },
    };
  }
  if (type === types.Message.Attachment) {
    // The box is a handle: its name is known at once, its content is fetched by read().
    const box = await msg.toFileBox();
    return { ...base, text: "", mentionsBot: false, attachment: { kind: "file", fileName: box.name, read: () => box.toBuffer() } };
  }
  return { ...base, text: msg.text(), mentionsBot: room ? await msg.mentionSelf() : false };
}
