import type { FileKind } from "../outbox/outgoing.ts";

/** A chat message as the domain sees it: the transport turns whatever it has into this. */
export interface InboundMessage {
  /** The transport's message id: a second delivery with the same id is dropped. */
  id: string;
  /** When it arrived, by the app's clock. */
  at: Date;
  /** When it was sent, by WeChat's clock: the same for every bot account in the group (see deliveryKey). */
  sentAt?: Date | undefined;
  /** The bot account it came in by (the logged-in WeChat id): its answer goes back through it. */
  account?: string | undefined;
  /** null for a private chat with the bot. */
  room: { id: string; topic: string } | null;
  sender: { id: string; name: string; alias?: string | undefined };
  /** The text as typed; empty for a photo or a file. */
  text: string;
  /** The transport's own @-mention detection (WeChat's mention list). */
  mentionsBot: boolean;
  /** A photo, or a file (整改报告.pdf) sent as a WeChat attachment. */
  attachment?: { kind: FileKind; fileName: string; read(): Promise<Buffer> } | undefined;
}
