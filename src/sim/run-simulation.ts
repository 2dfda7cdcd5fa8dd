import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../config/load-config.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { parseScript } from "./parse-script.ts";
import { loadCalendarOverride } from "../domain/calendar-override.ts";
import { Simulator } from "./simulator.ts";

export interface SimulationOptions {
  json: boolean;
  /** --files: where the files the bot sends are written. */
  filesDir?: string | undefined;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment the script's @env lines are laid over. */
  env?: Record<string, string | undefined>;
}

/** The simulator's configuration: the script's @env lines over the given environment; quiet logs. */
export function simulatorConfig(base: Record<string, string | undefined>, scriptEnv: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: "error", ...base, ...scriptEnv, WECHATY_PUPPET: "" });
}

/**
 * Runs a script (docs/simulator.md). Returns the exit code: 0, or 2 when the script has
 * problems (each reported on stderr with its line number).
 */
export async function runSimulation(scriptPath: string, o: SimulationOptions): Promise<number> {
  let source: string;
  try {
    source = readFileSync(scriptPath, "utf8");
  } catch {
    o.err(`无法读取脚本文件：${scriptPath}`);
    return 2;
  }
  const script = parseScript(source);
  if (script.errors.length) {
    script.errors.forEach((e) => o.err(e));
    return 2;
  }
  let config: Config;
  try {
    config = simulatorConfig(o.env ?? {}, Object.fromEntries(script.steps.flatMap((s) => (s.kind === "env" ? [[s.key, s.value]] : []))));
    // A bad calendar file is a configuration problem like a bad variable: reported, exit 2.
    loadCalendarOverride(config.DUBAN_CALENDAR_FILE);
  } catch (e) {
    if (e instanceof ConfigError) {
      o.err(e.message);
      return 2;
    }
    throw e;
  }
  // The clock starts at the first @now, wherever it stands in the script.
  const firstNow = script.steps.find((s) => s.kind === "now");
  const start = (firstNow?.kind === "now" && new ZonedTime(config.DUBAN_TZ).parseLocal(firstNow.text)) || new Date();
  const sim = await Simulator.create({
    config,
    start,
    baseDir: path.dirname(scriptPath),
    json: o.json,
    filesDir: o.filesDir,
    out: o.out,
    err: o.err,
  });
  try {
    for (const step of script.steps) await sim.step(step);
  } finally {
    await sim.finish();
  }
  return sim.problems ? 2 : 0;
}
