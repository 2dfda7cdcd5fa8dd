import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { readZip } from "../support/read-zip.ts";
import { TestBot } from "../support/test-app.ts";
import { testDatabaseUrl } from "../support/test-database.ts";

const CLI = path.resolve(import.meta.dirname, "../../src/cli/main.ts");
const TSX = pathToFileURL(path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/loader.mjs")).href;

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX, CLI, ...args], { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

let t: TestBot;
afterEach(async () => t.close());

describe("npm run duban -- bulletin", () => {
  it("writes the week's 情况通报 for the day asked, numbered, and refuses a bad day", async () => {
    t = await TestBot.create();
    await t.importSample();
    const env = { DATABASE_URL: testDatabaseUrl(path.join(t.dir, "t.db")), DUBAN_DATA_DIR: t.dir, DUBAN_OFFICE_NAME: "涪陵区生态环境保护督察整改办公室" };
    const file = path.join(t.dir, "out", "通报.docx");
    const run = await cli(["bulletin", file, "--day", "2026-12-04"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`督办通报〔2026〕1号（11月30日至12月4日）：问题共10个，在办8个，其中逾期2个；本周销号0个，下发督办单0份。\n已写入 ${file}\n`);
    const xml = readZip(readFileSync(file)).get("word/document.xml")!.toString("utf8");
    expect(xml).toContain(">涪陵区生态环境保护督察整改办公室<");
    expect(xml).toContain(">2026年12月4日<");
    expect(await t.app.store.bulletin.findMany({ select: { week: true, number: true } })).toEqual([{ week: "2026-11-30", number: 1 }]);
    const bad = await cli(["bulletin", file, "--day", "2026-02-30"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--day 2026-02-30: expected a date as YYYY-MM-DD");
  });
});
