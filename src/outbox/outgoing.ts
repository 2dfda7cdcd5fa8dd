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
