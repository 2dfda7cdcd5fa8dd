import { runDemo } from "../demo/run-demo.ts";
import { runBot } from "../transport/run-bot.ts";
import { readConfigOrExit } from "./read-config.ts";

/** `npm start`: the real bot when a WeChat puppet is configured, the demo otherwise. */
export async function runStartCommand(): Promise<void> {
  const config = readConfigOrExit();
  if (config.WECHATY_PUPPET) await runBot(config);
  else await runDemo(config);
}
