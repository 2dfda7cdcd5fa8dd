import { ConfigError } from "../config/load-config.ts";
import { runDemo } from "../demo/run-demo.ts";
import { runBot } from "../transport/run-bot.ts";
import { StartupError } from "../core/startup-error.ts";
import { readConfigOrExit } from "./read-config.ts";

/** `npm start`: the real bot when a WeChat puppet is configured, the demo otherwise. Returns the exit code. */
export async function runStartCommand(): Promise<number> {
  const config = readConfigOrExit();
  if (!config.WECHATY_PUPPET) {
    await runDemo(config);
    return 0;
  }
  try {
    await runBot(config);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`duban: ${err.problems.join("; ")}\n`);
      return 78;
    }
    if (!(err instanceof StartupError)) throw err;
    process.stderr.write(`duban: ${err.message}\n`);
    return err.exitCode;
  }
}
