import { runSimulation } from "../sim/run-simulation.ts";

export async function runSimulateCommand(script: string, json: boolean): Promise<number> {
  return runSimulation(script, {
    json,
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
