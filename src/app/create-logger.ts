import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * Logs go to stderr, so the simulator's and the CLI's stdout stay clean: readable lines
 * in a terminal, JSON lines otherwise (systemd's journal, a log shipper).
 */
export function createLogger(level: string, terminal = process.stderr.isTTY === true): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (terminal) return pino(options, pretty({ destination: 2, sync: true, singleLine: true, translateTime: "SYS:yyyy-mm-dd HH:MM:ss", ignore: "pid,hostname" }));
  return pino(options, pino.destination(2));
}
