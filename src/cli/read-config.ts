import { ConfigError, loadConfig, type Config } from "../config/load-config.ts";

/** Configuration from the process environment; a wrong value stops with a readable message. */
export function readConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nFix the variable in your environment or .env file (see .env.example) and start again.\n`);
      process.exit(78);
    }
    throw e;
  }
}
