import type { Logger } from "pino";

export interface WatchOptions {
  /** How long a start may go without reaching WeChat (a QR code or a login) before it counts as failed. */
  windowMs: number;
  /** While connected, errors are counted and logged once per this long. */
  summaryMs: number;
  /** The first wait before trying again; doubled after each failed attempt up to `maxBackoffMs`. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}

const firstLine = (err: unknown): string => {
  const e = err as { message?: unknown; data?: unknown } | null;
  const text = typeof e?.message === "string" ? e.message : typeof e?.data === "string" ? e.data : String(err);
  return text.split("\n")[0]!.slice(0, 200);
};

/**
 * Keeps a puppet's connection errors from flooding the log and the network. Offline, a
 * puppet such as wechat4u retries on its own several times a second and reports every
 * failure with a stack; here each start gets a window, errors are counted, and a start
 * that never reached WeChat is stopped and tried again after a capped exponential
 * backoff. The log gets one line per window, so a day offline writes a few kilobytes.
 */
export class ConnectionWatch {
  #attempt = 0;
  #errors = 0;
  #lastError = "";
  #reached = false;
  #windowTimer: NodeJS.Timeout | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #stopped = false;
  /** Between a failed attempt and the next: the stopping puppet's own complaints are not news. */
  #resting = false;

  constructor(
    private readonly log: Logger,
    private readonly o: WatchOptions,
  ) {}

  /** Starts the puppet and watches this attempt. */
  async begin(): Promise<void> {
    if (this.#stopped) return;
    this.#attempt++;
    this.#errors = 0;
    this.#reached = false;
    this.#resting = false;
    this.#arm();
    try {
      await this.o.start();
    } catch (err) {
      this.error(err);
    }
  }

  /** A QR code or a login: WeChat was reached, the backoff starts over. */
  reached(): void {
    this.#reached = true;
    this.#attempt = 0;
  }

  /**
   * Logged out: the puppet tries to reach WeChat again by itself (a new QR code). If that
   * fails for a whole window, this attempt counts as failed like a failed start.
   */
  lost(): void {
    this.#reached = false;
    this.#attempt = 1;
    this.#errors = 0;
    this.#arm();
  }

  error(err: unknown): void {
    if (this.#resting || this.#stopped) return;
    this.#errors++;
    this.#lastError = firstLine(err);
    // While connected, the puppet reconnects by itself: count, and say it once per window.
    if (this.#errors === 1 && this.#reached) this.log.warn({ error: this.#lastError }, "WeChat connection error (further ones are counted)");
    if (!this.#windowTimer) this.#arm();
  }

  #arm(): void {
    if (this.#windowTimer) clearTimeout(this.#windowTimer);
    this.#windowTimer = setTimeout(() => void this.#windowEnded(), this.#reached ? this.o.summaryMs : this.o.windowMs);
    this.#windowTimer.unref();
  }

  async #windowEnded(): Promise<void> {
    this.#windowTimer = null;
    if (this.#stopped) return;
    const errors = this.#errors;
    this.#errors = 0;
    if (this.#reached) {
      if (errors > 1) this.log.warn({ errors, last: this.#lastError }, `${errors} WeChat connection errors in the last ${Math.round(this.o.summaryMs / 60_000)} min`);
      return;
    }
    if (errors === 0) return this.#arm(); // still starting up quietly: keep watching
    const waitMs = Math.min(this.o.maxBackoffMs, this.o.firstBackoffMs * 2 ** (this.#attempt - 1));
    this.log.warn(
      { attempt: this.#attempt, errors, last: this.#lastError, retryInSeconds: Math.round(waitMs / 1000) },
      `cannot reach WeChat (${this.#lastError}); attempt ${this.#attempt} failed, trying again in ${Math.round(waitMs / 1000)} s`,
    );
    this.#resting = true;
    await this.o.stop().catch(() => undefined);
    if (this.#stopped) return;
    this.#retryTimer = setTimeout(() => void this.begin(), waitMs);
  }

  dispose(): void {
    this.#stopped = true;
    if (this.#windowTimer) clearTimeout(this.#windowTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
  }
}
