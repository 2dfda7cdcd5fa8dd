import path from "node:path";
import { runSimulation } from "../../src/sim/run-simulation.ts";
import { simulatorEnv } from "./test-database.ts";

/** One message the simulator printed (its --json line). */
export interface SimLine {
  time: string;
  room: string | null;
  to: string | null;
  text: string;
}

export interface ScenarioRun {
  code: number;
  /** What went to stderr: @import results and script problems. */
  err: string[];
  lines: SimLine[];
  /** The messages to a group (its name) or a person (`@name`) that contain `text`. */
  said: (where: string, text: string) => SimLine[];
}

/** Runs test/sim/scenarios/<name> through the real simulator, as `simulate --json [--files <dir>]` would. */
export async function runScenario(name: string, env: Record<string, string> = {}, filesDir?: string): Promise<ScenarioRun> {
  const out: string[] = [];
  const err: string[] = [];
  const script = path.resolve(import.meta.dirname, "../sim/scenarios", name);
  const code = await runSimulation(script, { json: true, filesDir, out: (l) => out.push(l), err: (l) => err.push(l), env: { ...simulatorEnv(), ...env } });
  const lines = out.map((l) => JSON.parse(l) as SimLine);
  return { code, err, lines, said: (where, text) => lines.filter((l) => (l.room ?? `@${l.to}`) === where && l.text.includes(text)) };
}
