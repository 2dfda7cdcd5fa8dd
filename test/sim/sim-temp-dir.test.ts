import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { runSimulation } from "../../src/sim/run-simulation.ts";

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

async function startChild() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "simulate", longScript()], { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  for (let i = 0; i < 600 && foldersOf(child.pid!).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(foldersOf(child.pid!)).toHaveLength(1);
  return { child, exited };
}

it("SIGTERM: the folder is removed on the way out", async () => {
  const { child, exited } = await startChild();
  child.kill("SIGTERM");
  expect(await exited).toBe("SIGTERM");
  expect(foldersOf(child.pid!)).toEqual([]);
}, 60_000);

it("SIGKILL: the next simulator removes the folder its dead predecessor left", async () => {
  const { child, exited } = await startChild();
  const [left] = foldersOf(child.pid!);
  child.kill("SIGKILL");
  await exited;
  expect(existsSync(path.join(os.tmpdir(), left!))).toBe(true);
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-simtest-"));
  writeFileSync(path.join(dir, "s.txt"), "@now 2026-12-01 08:00\n张三: 帮助\n");
  expect(await runSimulation(path.join(dir, "s.txt"), { json: false, out: () => undefined, err: () => undefined, env: {} })).toBe(0);
  expect(existsSync(path.join(os.tmpdir(), left!))).toBe(false);
}, 60_000);
