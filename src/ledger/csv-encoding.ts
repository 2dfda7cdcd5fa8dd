import { createReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";

export type CsvEncoding =
  | "utf-8"
  /** UTF-8 with some rows in another encoding, pasted in from a GBK file: those rows are refused. */
  | "utf-8-mixed"
  | "gb18030"
  | "utf-16le"
  | "utf-16be";

const HEAD = 1 << 16;

/**
 * How a CSV file's bytes are text. A BOM says it outright: UTF-8, or UTF-16 as Excel's
 * "Unicode text" saves it. Without one: valid UTF-8 is UTF-8. Excel on Chinese Windows
 * saves "CSV" in GB18030 (code page 936) with no marker, and GBK text is almost never
 * valid UTF-8 by accident, so the first line with any non-ASCII text decides between
 * GB18030 and a UTF-8 file with a few broken rows, which must not be read as GB18030
 * (every Chinese character in it would come out garbled).
 */
export async function sniffCsvEncoding(file: string, fh: FileHandle): Promise<{ encoding: CsvEncoding; bomLength: number; size: number }> {
  const size = (await fh.stat()).size;
  const head = Buffer.alloc(Math.min(HEAD, size));
  await fh.read(head, 0, head.length, 0);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3, size };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2, size };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2, size };
  if (await isUtf8File(file)) return { encoding: "utf-8", bomLength: 0, size };
  return { encoding: firstTextLineIsUtf8(head) ? "utf-8-mixed" : "gb18030", bomLength: 0, size };
}

/** Streams the file through a strict decoder: a few tens of milliseconds for 50 MB. */
async function isUtf8File(file: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: HEAD })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
}

function firstTextLineIsUtf8(head: Buffer): boolean {
  const first = head.findIndex((b) => b >= 0x80);
  if (first < 0) return false;
  const start = head.lastIndexOf(0x0a, first) + 1;
  const nl = head.indexOf(0x0a, first);
  try {
    // stream: true, so a character cut by the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(start, nl < 0 ? head.length : nl), { stream: true });
    return true;
  } catch {
    return false;
  }
}
