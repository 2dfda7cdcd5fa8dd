import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { runSimulation } from "../../src/sim/run-simulation.ts";
import { simulatorEnv } from "../support/test-database.ts";

// A simulator stopped from outside leaves no duban-sim-* folder behind.
const ROOT = path.resolve(import.meta.dirname, "../..");

function longScript(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-simtest-"));
  const file = path.join(dir, "s.txt");
  // Ten years of virtual working days keep the child busy long enough to be stopped.
  writeFileSync(file, "@env DUBAN_ADMINS=王科长\n@now 2026-12-01 08:00\n王科长 @ 领导群: 绑定 领导\n@wait 3650d\n");
  return file;
}

const foldersOf = (pid: number) => readdirSync(os.tmpdir()).filter((n) => n.startsWith(`duban-sim-${pid}-`));

it("SIGTERM: the folder is removed on the way out", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "simulate", longScript()], { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  for (let i = 0; i < 600 && foldersOf(child.pid!).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(foldersOf(child.pid!)).toHaveLength(1);
  child.kill("SIGTERM");
  expect(await exited).toBe("SIGTERM");
  expect(foldersOf(child.pid!)).toEqual([]);
}, 60_000);

it("a folder whose simulator was killed outright (its process gone) is removed by the next one", async () => {
  // A process that has certainly ended, and a folder as it would have left it.
  const gone = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => gone.on("exit", r));
  const left = mkdtempSync(path.join(os.tmpdir(), `duban-sim-${gone.pid}-`));
  writeFileSync(path.join(left, "duban.db"), "");
  const mine = mkdtempSync(path.join(os.tmpdir(), `duban-sim-${process.pid}-`));
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-simtest-"));
  writeFileSync(path.join(dir, "s.txt"), "@now 2026-12-01 08:00\n张三: 帮助\n");
  expect(await runSimulation(path.join(dir, "s.txt"), { json: false, out: () => undefined, err: () => undefined, env: simulatorEnv() })).toBe(0);
  expect(existsSync(left)).toBe(false);
  // A live process's folder (here: this one's) is left alone.
  expect(existsSync(mine)).toBe(true);
  rmSync(mine, { recursive: true });
});
