import path from "node:path";
import { fileMessage, type Outgoing, type OutgoingFile, type Target } from "../outbox/outgoing.ts";
import type { Config } from "../config/load-config.ts";
import { addDays, type Day } from "../core/zoned-time.ts";
import { writePictures } from "../picture/write-pictures.ts";

/** A digest or a ranking, ready to go either way: its pages (drawn only if sent), its two texts, the name its pictures show, its day. */
export interface Sendable {
  pages: () => string[];
  brief: string;
  full: string;
  name: string;
  today: Day;
}

/** What the leaders' groups get of a digest or a ranking, in order: its pictures, then its text. */
export interface Delivery {
  files: OutgoingFile[];
  text: string | null;
}

/**
 * DUBAN_DIGEST_FORMAT: `both` the pictures then the short text, `image` the pictures
 * alone, `text` the full text alone. The pages are drawn only when they are sent. With
 * `unless` given, pictures that cannot be drawn (a renderer missing on this platform, a
 * full disk) are reported to it and the full text goes instead: the morning digest must
 * go out. `stem` starts with the day (`digest-2026-12-01`): pictures a month older go.
 */
export async function deliver(
  format: Config["DUBAN_DIGEST_FORMAT"],
  dataDir: string,
  o: Sendable & { stem: string; unless?: (err: unknown) => void },
): Promise<Delivery> {
  if (format === "text") return { files: [], text: o.full };
  try {
    const pictures = await writePictures(o.pages(), { dir: path.resolve(dataDir, "pictures"), stem: o.stem, name: o.name, keepFrom: addDays(o.today, -KEEP_DAYS) });
    return { files: pictures.map((p) => ({ kind: "image", ...p })), text: format === "image" ? null : o.brief };
  } catch (err) {
    if (!o.unless) throw err;
    o.unless(err);
    return { files: [], text: o.full };
  }
}

/** Pictures are kept this long for `outbox retry`, then deleted as new ones are written. */
const KEEP_DAYS = 30;

/** The delivery as messages to one target. */
export function deliveryTo(target: Target, d: Delivery): Outgoing[] {
  return [...d.files.map((f) => fileMessage(target, f)), ...(d.text === null ? [] : [{ target, text: d.text }])];
}
