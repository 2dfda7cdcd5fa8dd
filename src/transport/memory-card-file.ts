import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";

/**
 * Where Wechaty keeps the login session (its memory card): in the data folder, beside the
 * database, never in the working directory. A card left empty or corrupt by a crash would
 * make every later start log an exception; it is moved aside once, with one warning.
 * Returns the name to give Wechaty (it appends `.memory-card.json`).
 */
export function memoryCardName(dataDir: string, name: string, log: Logger): string {
  mkdirSync(dataDir, { recursive: true });
  const base = path.resolve(dataDir, name);
  const file = `${base}.memory-card.json`;
  // Earlier versions left the card in the working directory: bring it along once.
  const legacy = path.resolve(`${name}.memory-card.json`);
  if (legacy !== file && existsSync(legacy) && !existsSync(file)) renameSync(legacy, file);
  if (existsSync(file)) {
    let usable = false;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
      usable = typeof parsed === "object" && parsed !== null;
    } catch {
      usable = false;
    }
    if (!usable) {
      const aside = `${file}.broken-${Date.now()}`;
      renameSync(file, aside);
      log.warn({ moved: aside }, "the login session file was empty or corrupt and was moved aside: scan the QR code to log in again");
    }
  }
  return base;
}
