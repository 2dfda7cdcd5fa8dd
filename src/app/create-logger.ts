import pino, { type Logger } from "pino";

/** Logs go to stderr, so the simulator's and the CLI's stdout stay clean. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
