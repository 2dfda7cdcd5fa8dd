import { createHash } from "node:crypto";
import type { InboundMessage } from "../handlers/inbound-message.ts";

/**
 * What makes a message the same message, however it reached the bot. A group with two bot
 * accounts in it delivers each message to both processes, under a different message id
 * each; the answer's outbox key and the evidence's record take this instead, so the second
 * process's work collides with the first's and is rolled back. In a group that is the
 * group, the sender, WeChat's send time and the text (or, for a photo or a file, its
 * content: puppets name an unnamed photo after the message id); a private chat reaches one
 * account only, so its message id is enough. The time is the server's, in whole seconds,
 * the same for every account; it is kept as the puppet gives it, so a puppet with finer
 * times (the mock, the simulator) never takes two quick identical messages for one.
 */
export function deliveryKey(msg: InboundMessage, content?: Buffer): string {
  if (!msg.room || !msg.sentAt) return msg.id;
  const digest = createHash("sha256").update(content ?? msg.text).digest("base64url").slice(0, 16);
  return `${msg.room.id}:${msg.sender.id}:${msg.sentAt.getTime()}:${digest}`;
}
