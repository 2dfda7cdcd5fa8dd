/** A chat message as the domain sees it: the transport turns whatever it has into this. */
export interface InboundMessage {
  /** The transport's message id: a second delivery with the same id is dropped. */
  id: string;
  /** When it arrived, by the app's clock. */
  at: Date;
  /** null for a private chat with the bot. */
  room: { id: string; topic: string } | null;
  sender: { id: string; name: string; alias?: string | undefined };
  /** The text as typed; empty for an image. */
  text: string;
  /** The transport's own @-mention detection (WeChat's mention list). */
  mentionsBot: boolean;
  image?: { fileName: string; read(): Promise<Buffer> } | undefined;
}

/** Where the bot sends something: a group, or one person by id or alias. */
export type Target = { kind: "room"; id: string; name: string } | { kind: "contact"; id: string; name: string };

export interface Outgoing {
  target: Target;
  text: string;
}
