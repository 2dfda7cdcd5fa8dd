import type { Message } from "wechaty";
import { types } from "wechaty";
import type { InboundMessage } from "../handlers/inbound-message.ts";

/**
 * A Wechaty message → the plain object the domain reads; null for what the bot ignores:
 * its own messages, messages older than the bot's start (WeChat replays history at
 * login), and kinds it does not handle (voice, links, stickers…).
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
    sentAt: msg.date(),
    account: msg.wechaty.isLoggedIn ? msg.wechaty.currentUser.id : undefined,
    room: room ? { id: room.id, topic: await room.topic() } : null,
    sender: { id: talker.id, name: talker.name(), alias: alias ?? undefined },
  };
  if (type === types.Message.Image || type === types.Message.Attachment) {
    const kind = type === types.Message.Image ? "image" : "file";
    // Puppets fetch the content when asked for the box: only evidence is fetched. WeChat
    // names a file, not a photo.
    const fileName = msg.payload?.filename || (kind === "image" ? `${msg.id}.jpg` : `文件-${msg.id}`);
    const read = async () => (await msg.toFileBox()).toBuffer();
    return { ...base, text: "", mentionsBot: false, attachment: { kind, fileName, read } };
  }
  return { ...base, text: msg.text(), mentionsBot: room ? await msg.mentionSelf() : false };
}
