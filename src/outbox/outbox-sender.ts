import { access } from "node:fs/promises";
import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";
import type { Clock } from "../core/clock.ts";
import { firstChars } from "../core/identity.ts";
import { fileKindOf, type Target } from "./outgoing.ts";
import type { Outbox } from "../generated/prisma/client.ts";
import type { Store } from "../store/open-store.ts";
import { claimNextOutbox, nextOutboxDue, requeueAbandoned } from "../store/outbox-claim.ts";
import { PRIORITY, enqueue } from "./enqueue.ts";
import { NotConnectedError, type Transport } from "./transport.ts";

export interface SenderOptions {
  intervalMs: number;
  jitterMs: number;
  maxAttempts: number;
  backoffMaxMs: number;
  maxChars: number;
  admins: readonly string[];
}

/** The pacing and retry settings, as configured. */
export function senderOptions(config: Config): SenderOptions {
  return {
    intervalMs: config.DUBAN_SEND_INTERVAL_MS,
    jitterMs: config.DUBAN_SEND_JITTER_MS,
    maxAttempts: config.DUBAN_SEND_MAX_ATTEMPTS,
    backoffMaxMs: config.DUBAN_SEND_BACKOFF_MAX_MS,
    maxChars: config.DUBAN_MAX_MESSAGE_CHARS,
    admins: config.DUBAN_ADMINS,
  };
}

const NOT_CONNECTED_RETRY_MS = 30_000;

type Row = Pick<Outbox, "id" | "key" | "roomId" | "contactId" | "targetName" | "text" | "filePath" | "fileName" | "attempts">;

function targetOf(row: Row): Target {
  return row.roomId ? { kind: "room", id: row.roomId, name: row.targetName } : { kind: "contact", id: row.contactId ?? "", name: row.targetName };
}

/**
 * The one queue everything the bot says goes through: persisted first, then sent one at a
 * time with a minimum gap plus jitter (WeChat bans accounts that post in bursts), retried
 * with capped backoff, and given up on loudly (the admins are told).
 */
export class OutboxSender {
  #nextAllowedAt = 0;
  #paused = false;
  #running = false;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #account: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly opts: SenderOptions,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  /** After a restart: keep pacing from the last real send; re-queue what a crash left mid-send. */
  async init(): Promise<void> {
    await requeueAbandoned(this.store, this.#account);
    await this.#paceFromLastSend();
  }

  /**
   * The account logged in (its WeChat id): from now on this sender takes only the rows it
   * can deliver (outbox-claim.ts), and on a shared store picks up what it left mid-send
   * before a crash.
   */
  async sendAs(account: string): Promise<void> {
    this.#account = account;
    await this.init();
  }

  async #paceFromLastSend(): Promise<void> {
    const last = await this.store.outbox.findFirst({
      where: { status: "SENT", ...(this.#account === null ? {} : { claimedBy: this.#account }) },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    });
    if (last?.sentAt) this.#nextAllowedAt = Math.max(this.#nextAllowedAt, last.sentAt.getTime() + this.opts.intervalMs);
  }

  /**
   * While the account is logged out nothing can be delivered: messages wait, untouched
   * (no attempt counted, none marked failed), until `resume()` after the next login.
   */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.notify();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** When the next message may go out; null when nothing is waiting (or sending is paused). */
  async nextDueAt(): Promise<Date | null> {
    if (this.#paused) return null;
    const at = await nextOutboxDue(this.store, this.#account);
    if (!at) return null;
    return new Date(Math.max(at.getTime(), this.#nextAllowedAt));
  }

  /**
   * Sends one message if one is due now; true if it tried. The most urgent goes first
   * (PRIORITY), in order of arrival within a priority, so the parts of a long message
   * stay in order and a reply overtakes a fan-out without breaking the pacing.
   */
  async sendOne(): Promise<boolean> {
    const now = this.clock.now();
    if (this.#paused || now.getTime() < this.#nextAllowedAt) return false;
    // Claimed, so no other sender on the same database takes it.
    const row = await claimNextOutbox(this.store, this.#account, now);
    if (!row) return false;
    try {
      await this.#deliver(row);
      await this.store.outbox.update({ where: { id: row.id }, data: { status: "SENT", sentAt: this.clock.now(), attempts: row.attempts + 1 } });
    } catch (err) {
      // Logged out (or logging out) under us: not the message's fault. It waits, uncounted,
      // for the login (which resumes sending) or, should no logout have been reported, a while.
      if (err instanceof NotConnectedError || this.#paused) {
        await this.store.outbox.update({ where: { id: row.id }, data: { status: "PENDING", nextAttempt: new Date(this.clock.now().getTime() + NOT_CONNECTED_RETRY_MS) } });
        return true;
      }
      await this.#failed(row, err);
    }
    this.#nextAllowedAt = this.clock.now().getTime() + this.opts.intervalMs + Math.floor(this.random() * this.opts.jitterMs);
    return true;
  }

  async #deliver(row: Row): Promise<void> {
    if (row.filePath === null) return this.transport.send(targetOf(row), row.text);
    // A file removed since it was queued fails like any undeliverable message: retried, then the admins are told.
    await access(row.filePath).catch(() => {
      throw new Error(`file missing: ${row.filePath}`);
    });
    await this.transport.sendFile(targetOf(row), { kind: fileKindOf(row.text), path: row.filePath, name: row.fileName ?? row.text });
  }

  async #failed(row: Row, err: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const error = err instanceof Error ? err.message : String(err);
    const now = this.clock.now();
    this.log.warn({ outboxId: row.id, key: row.key, attempts, error }, "send failed");
    if (attempts < this.opts.maxAttempts) {
      const backoff = Math.min(this.opts.backoffMaxMs, Math.max(1000, this.opts.intervalMs) * 2 ** attempts);
      await this.store.outbox.update({
        where: { id: row.id },
        data: { status: "PENDING", attempts, lastError: error, nextAttempt: new Date(now.getTime() + backoff) },
      });
      return;
    }
    await this.store.$transaction(async (tx) => {
      await tx.outbox.update({ where: { id: row.id }, data: { status: "FAILED", attempts, lastError: error } });
      // Telling the admins about a failed message to the admins could loop forever.
      if (row.key.startsWith("failed:")) return;
      const to = this.opts.admins.filter((a) => a !== row.contactId);
      await enqueue(
        tx,
        to.map((a) => ({
          key: `failed:${row.key}:${a}`,
          priority: PRIORITY.leaders,
          target: { kind: "contact" as const, id: a, name: a },
          text: `【发送失败】发往“${row.targetName}”的消息重试 ${attempts} 次仍未送达：${firstChars(row.text, 60)}${[...row.text].length > 60 ? "…" : ""}`,
        })),
        now,
        this.opts.maxChars,
      );
    });
  }

  /** Tells a waiting loop that something new was enqueued. */
  notify(): void {
    this.#wake?.();
  }

  /** Production: a background loop on real timers. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.notify();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let waitMs = 60_000;
      try {
        if (!this.#paused && (await this.sendOne())) continue;
        const due = await this.nextDueAt();
        if (due) waitMs = Math.max(0, Math.min(waitMs, due.getTime() - this.clock.now().getTime()));
      } catch (err) {
        this.log.error({ err }, "outbox loop error");
        waitMs = 5000;
      }
      // Stopped while it looked for work: a wait begun now would not hear of it.
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#wake = null;
    }
  }
}
