import { runSimulation } from "../sim/run-simulation.ts";

export async function runSimulateCommand(script: string, opts: { json: boolean; files?: string | undefined }): Promise<number> {
  return runSimulation(script, {
    json: opts.json,
    filesDir: opts.files,
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
