import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { processAlive } from "../core/process-alive.ts";

const PREFIX = "duban-sim-";
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;


/** Folders of simulators that were killed (kill -9 cannot be caught): their process is gone. */
function removeStale(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^duban-sim-(\d+)-/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !processAlive(Number(pid))) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * The simulator's temporary folder, named after this process. It is removed at the end, on
 * Ctrl-C and termination signals, and, if the process was killed outright, by the next
 * simulator to start.
 */
export function createSimTempDir(): { dir: string; remove: () => void } {
  removeStale();
  const dir = mkdtempSync(path.join(tmpdir(), `${PREFIX}${process.pid}-`));
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    // Die of the signal as if nobody had listened (exit status and parent see the same).
    process.kill(process.pid, signal);
  };
  const remove = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    rmSync(dir, { recursive: true, force: true });
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  return { dir, remove };
}
