import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { memoryCardName } from "../../src/transport/memory-card-file.ts";

describe("memoryCardName", () => {
  const cwd = process.cwd();
  let dir: string;
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  const logged: string[] = [];
  const log = pino({ level: "warn" }, new Writable({ write: (c, _e, done) => (logged.push(JSON.parse(String(c)).msg), done()) }));

  it("keeps the card in the data folder; moves an empty or corrupt one aside with one warning; brings a card from the working directory along", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "duban-card-"));
    process.chdir(dir);
    const data = path.join(dir, "data");
    expect(memoryCardName(data, "duban", log)).toBe(path.join(data, "duban"));
    expect(existsSync(data)).toBe(true);

    writeFileSync(path.join(data, "duban.memory-card.json"), "");
    memoryCardName(data, "duban", log);
    expect(readdirSync(data).filter((f) => f.startsWith("duban.memory-card.json.broken-"))).toHaveLength(1);
    expect(existsSync(path.join(data, "duban.memory-card.json"))).toBe(false);
    expect(logged).toEqual([expect.stringContaining("empty or corrupt")]);

    writeFileSync(path.join(dir, "duban.memory-card.json"), '{"puppet":{"x":1}}');
    memoryCardName(data, "duban", log);
    expect(existsSync(path.join(dir, "duban.memory-card.json"))).toBe(false);
    expect(readFileSync(path.join(data, "duban.memory-card.json"), "utf8")).toBe('{"puppet":{"x":1}}');
    expect(logged).toHaveLength(1);
  });
});
