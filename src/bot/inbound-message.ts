/** A chat message as the domain sees it: the transport turns whatever it has into this. */
export interface InboundMessage {
  /** The transport's message id: a second delivery with the same id is dropped. */
  id: string;
  /** When it arrived, by the app's clock. */
  at: Date;
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

/** How WeChat shows a file: as a picture, or as a document. */
export type FileKind = "image" | "file";

/** Where the bot sends something: a group, or one person by id or alias. */
export type Target = { kind: "room"; id: string; name: string } | { kind: "contact"; id: string; name: string };

/** A file the bot sends: the file on disk, and the name the recipient sees. */
export interface OutgoingFile {
  kind: FileKind;
  path: string;
  name: string;
}

export interface Outgoing {
  target: Target;
  /** For a file message, `[文件] <name>` or `[图片] <name>` (fileMessage): what logs and listings show. */
  text: string;
  file?: OutgoingFile | undefined;
}

const FILE_LABEL: Record<FileKind, string> = { image: "[图片]", file: "[文件]" };

export function fileMessage(target: Target, file: OutgoingFile): Outgoing {
  return { target, text: `${FILE_LABEL[file.kind]} ${file.name}`, file };
}

/** A file message's kind, from the text it was stored with (the outbox keeps no other trace of it). */
export function fileKindOf(text: string): FileKind {
  return text.startsWith(FILE_LABEL.image) ? "image" : "file";
}
