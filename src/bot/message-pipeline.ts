import type { Logger } from "pino";
import type { Config } from "../config/load-config.ts";
import type { Clock } from "../core/clock.ts";
import { DubanError } from "../core/duban-error.ts";
import { firstChars, wellFormed } from "../core/identity.ts";
import type { ZonedTime } from "../core/zoned-time.ts";
import { dispatchCommand } from "../handlers/dispatch-command.ts";
import type { HandlerContext } from "../handlers/handler-context.ts";
import { PRIORITY, enqueue } from "../outbox/enqueue.ts";
import { codesToCheck, interpretMessage, type Interpretation } from "../parse/interpret-message.ts";
import type { Command } from "../parse/command.ts";
import { CodeBook } from "../parse/issue-code.ts";
import { bumpDirectoryVersion, type DirectoryVersion } from "../store/directory-version.ts";
import { issuesByCodeKey } from "../store/hot-path-sql.ts";
import { moveBinding } from "../store/move-binding.ts";
import { isUniqueViolation } from "../store/unique-violation.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { attachEvidence } from "./attach-evidence.ts";
import { deliveryKey } from "./delivery-key.ts";
import type { Actor } from "../domain/actor.ts";
import type { InboundMessage } from "../handlers/inbound-message.ts";
import type { Outgoing, Target } from "../outbox/outgoing.ts";
import { ContactBook } from "./contact-book.ts";
import { Directory } from "../store/directory.ts";
import { resolveActor } from "./resolve-actor.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";

export interface PipelineDeps {
  store: Store;
  config: Config;
  clock: Clock;
  time: ZonedTime;
  /** The Chinese working calendar (holidays, 调休), loaded once. */
  calendar: WorkingCalendar;
  log: Logger;
  /** Tells when bindings changed outside this process. */
  directoryVersion: DirectoryVersion;
  /** Called after anything was enqueued, to wake the sender. */
  onEnqueued: () => void;
}

const BUSY_ATTEMPTS = 12;
const BUSY_PAUSE_MS = 1000;

/** SQLite's write lock held by another connection past the busy timeout. */
function isBusy(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${JSON.stringify(err)}` : String(err);
  return /SQLITE_BUSY|database is locked/i.test(text);
}

const FAILED_REPLY = "系统出了点问题，这条消息没有记录成功，请稍后重发。";

/** A second delivery of a message collides on its reply's outbox key. */
const isDuplicate = (err: unknown) => isUniqueViolation(err, "key");

/**
 * `ZG-2026-003 请抓紧整改` from staff or a leader is not the unit reporting progress:
 * a code-led message from them is read as a query. Explicit commands are left alone.
 */
function asSupervisor(meaning: Interpretation, actor: Actor): Command | null {
  const cmd = meaning.command;
  if (!meaning.codeLed || !cmd || !isSupervising(actor)) return cmd;
  if (cmd.type === "progress" || cmd.type === "complete") return { type: "query", code: cmd.code };
  const first = cmd.type === "reports" ? (cmd.reports[0]?.code ?? cmd.others[0]) : undefined;
  return first ? { type: "query", code: first } : cmd;
}

/** A unit's group, or a private chat with a contact of exactly one unit (not staff). */
function reportingUnit(actor: Actor): number | null {
  if (actor.room) return actor.room.role.kind === "UNIT" ? actor.room.role.unit.id : null;
  return !actor.isAdmin && actor.units.length === 1 ? actor.units[0]!.id : null;
}

/** Staff, and leaders: in a unit's group a leader speaks about the unit's issues, not for it. */
function isSupervising(actor: Actor): boolean {
  const role = actor.room?.role.kind;
  return actor.isAdmin || role === "LEADERS" || (actor.isLeader && (actor.room !== null || actor.units.length === 0));
}

/** Half of a cut emoji anywhere (text, name, group name) cannot be stored: it becomes U+FFFD. */
function wellFormedMessage(msg: InboundMessage): InboundMessage {
  return {
    ...msg,
    text: wellFormed(msg.text),
    sender: { ...msg.sender, name: wellFormed(msg.sender.name) },
    room: msg.room && { ...msg.room, topic: wellFormed(msg.room.topic) },
  };
}

function replyTarget(msg: InboundMessage): Target {
  return msg.room ? { kind: "room", id: msg.room.id, name: msg.room.topic } : { kind: "contact", id: msg.sender.id, name: msg.sender.name };
}

/**
 * transport → parse → authorize → handle → outbox, one message at a time (SQLite has one
 * writer, and a unit's messages must be recorded in the order they were said).
 */
export class MessagePipeline {
  #queue: Promise<void> = Promise.resolve();
  #directory = new Directory();
  #contacts = new ContactBook();
  #directoryVersion: string | null = null;
  #topics = new Map<string, string>();

  constructor(private readonly deps: PipelineDeps) {}

  submit(msg: InboundMessage): Promise<void> {
    const run = this.#queue.then(() => this.#processPatiently(msg));
    this.#queue = run.catch((err: unknown) => this.deps.log.error({ err, msgId: msg.id }, "message failed"));
    return this.#queue;
  }

  /** After bindings were changed outside a message (a puppet's new group ids): here, and in any other process. */
  async reloadDirectory(): Promise<void> {
    await bumpDirectoryVersion(this.deps.store);
    await this.#loadDirectory();
  }

  async #loadDirectory(): Promise<void> {
    this.#directoryVersion = await this.deps.directoryVersion.current();
    await this.#directory.load(this.deps.store);
  }

  /**
   * Members removed from a group (or who left it) stop speaking for its unit at once.
   * Queued with the messages, so a report said before the removal is still recorded.
   */
  membersLeft(roomId: string, contactIds: readonly string[]): Promise<void> {
    const run = this.#queue.then(async () => {
      await this.deps.store.roomMember.deleteMany({ where: { roomId, contactId: { in: [...contactIds] } } });
      for (const id of contactIds) this.#directory.forgetMember(roomId, id);
      await this.#membershipChanged();
      this.deps.log.info({ roomId, contactIds }, "members left a group");
    });
    this.#queue = run.catch((err: unknown) => this.deps.log.error({ err, roomId }, "member removal failed"));
    return this.#queue;
  }

  /**
   * Other bot processes cache memberships too: they reload. This one has already updated its
   * own cache, so it takes the new version as seen.
   */
  async #membershipChanged(): Promise<void> {
    await bumpDirectoryVersion(this.deps.store);
    this.#directoryVersion = await this.deps.directoryVersion.current();
  }

  /** A group renamed: its binding survives, under the new name. */
  async roomRenamed(roomId: string, topic: string): Promise<void> {
    this.#topics.set(roomId, topic);
    await this.deps.store.roomBinding.updateMany({ where: { roomId }, data: { topic } });
  }

  /**
   * A big ledger import holds the store's write lock for up to a minute; a message that
   * arrives meanwhile waits for it (the store's own busy wait, then these retries) rather
   * than being lost. The messages behind it wait in order.
   */
  async #processPatiently(msg: InboundMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#process(msg);
      } catch (err) {
        if (!isBusy(err) || attempt >= BUSY_ATTEMPTS) throw err;
        this.deps.log.warn({ msgId: msg.id, attempt }, "store busy (an import?): message will be tried again");
        await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
      }
    }
  }

  async #process(received: InboundMessage): Promise<void> {
    const msg = wellFormedMessage(received);
    const { store, config, log } = this.deps;
    // Bindings are cached; one cheap read tells whether the CLI or another process changed them.
    if (this.#directoryVersion !== (await this.deps.directoryVersion.current())) await this.#loadDirectory();
    const directory = this.#directory;
    await this.#contacts.observe(store, msg);
    if (msg.room) await this.#relinkIfMissing(msg.room);
    if (msg.room) await this.#observeRoom(msg);
    const actor = await resolveActor(store, directory, msg, { admins: config.DUBAN_ADMINS, leaders: config.DUBAN_LEADER_CONTACTS.map((l) => l.contact) });
    // In a group bound to nothing the bot answers admins only.
    if (actor.room?.role.kind === "UNBOUND" && !actor.isAdmin) return;

    if (msg.attachment) {
      let ack: Awaited<ReturnType<typeof attachEvidence>>;
      try {
        ack = await attachEvidence(store, config, msg);
      } catch (err) {
        // Recorded a moment ago by another bot account in the group.
        if (!isUniqueViolation(err, "messageId")) throw err;
        log.info({ msgId: msg.id }, "duplicate delivery ignored");
        return;
      }
      // A file not kept (too big, empty) is answered each time it arrives: once per message.
      await this.#enqueue(store, ack.out, `evidence:${ack.key}`, msg).catch((e: unknown) => {
        if (!isDuplicate(e)) throw e;
        log.info({ msgId: msg.id }, "duplicate delivery ignored");
      });
      return;
    }
    const reportingUnitId = reportingUnit(actor);
    const codes = new CodeBook(await issuesByCodeKey(store, codesToCheck(msg.text, config.DUBAN_BOT_NAME, reportingUnitId !== null)));
    const meaning = interpretMessage(msg.text, {
      botName: config.DUBAN_BOT_NAME,
      isPrivate: !msg.room,
      mentionsBot: msg.mentionsBot,
      reportingUnitId,
      codes,
    });
    if (!meaning.addressed) return;
    // Staff talking about an issue in a unit's group are not the unit reporting it.
    if (meaning.codeInside && isSupervising(actor)) return;
    // Nor is their 收到 to a 交办通知 the unit's 签收 (an explicit `签收 <编号>` still is).
    if (meaning.codeLed && meaning.command?.type === "acknowledge" && isSupervising(actor)) return;
    const command = asSupervisor(meaning, actor);

    const now = this.deps.clock.now();
    const key = deliveryKey(msg);
    let directoryChanged = false;
    try {
      const length = [...msg.text].length;
      if (length > config.DUBAN_MAX_INPUT_CHARS) {
        throw new DubanError("TOO_LONG", `消息太长（${length}字），没有记录。请精简到${config.DUBAN_MAX_INPUT_CHARS}字以内再发。`);
      }
      await store.$transaction(async (tx) => {
        const ctx: HandlerContext = { tx, directory, config, time: this.deps.time, calendar: this.deps.calendar, now, today: this.deps.time.today(now), actor, msg, text: meaning.text, out: [] };
        await dispatchCommand(ctx, command);
        if (ctx.directoryChanged) await bumpDirectoryVersion(tx);
        // Every message for the bot gets an answer, keyed by the message (deliveryKey): a
        // second delivery of it, by the same account or another in the group, collides on
        // that key and rolls back whole.
        if (ctx.out.length === 0 && !ctx.quiet) throw new Error(`handler for ${command?.type ?? "unknown"} produced no reply`);
        await this.#enqueue(tx, ctx.out, `reply:${key}`, msg);
        directoryChanged = !!ctx.directoryChanged;
      });
      if (directoryChanged) await this.#loadDirectory();
    } catch (err) {
      if (isDuplicate(err)) {
        log.info({ msgId: msg.id }, "duplicate delivery ignored");
        return;
      }
      if (isBusy(err)) throw err; // rolled back whole: tried again by #processPatiently
      if (!(err instanceof DubanError)) log.error({ err, msgId: msg.id, text: firstChars(msg.text, 200) }, "handler failed");
      const text = err instanceof DubanError ? err.userMessage : FAILED_REPLY;
      // Same key as a successful answer: a redelivery of a refused message is not answered twice.
      await this.#enqueue(store, [{ target: replyTarget(msg), text }], `reply:${key}`, msg).catch((e: unknown) => {
        if (!isDuplicate(e)) throw e;
        log.info({ msgId: msg.id }, "duplicate delivery ignored");
      });
    }
  }

  /**
   * The answer goes back through the account the message came in by (the chat it came from
   * is one that account reaches); what a message causes elsewhere (a 交办通知 to a unit's
   * group, the admins told) goes through any account that reaches it.
   */
  async #enqueue(db: Store | Tx, out: Outgoing[], keyPrefix: string, msg: InboundMessage): Promise<void> {
    if (out.length === 0) return;
    const { config, clock } = this.deps;
    const here = replyTarget(msg);
    const through = (t: Target) => (t.kind === here.kind && t.id === here.id ? msg.account : undefined);
    await enqueue(
      db,
      out.map((o, i) => ({ ...o, key: `${keyPrefix}:${i}`, priority: PRIORITY.reply, account: through(o.target) })),
      clock.now(),
      config.DUBAN_MAX_MESSAGE_CHARS,
    );
    this.deps.onEnqueued();
  }

  /**
   * A bound group the last login did not find, speaking under a new id (wechat4u lists
   * quiet groups only once they speak): it takes its binding back.
   */
  async #relinkIfMissing(room: { id: string; topic: string }): Promise<void> {
    if (this.#directory.role(room.id).kind !== "UNBOUND") return;
    const missing = this.#directory.missingBinding(room.topic);
    if (!missing) return;
    await moveBinding(this.deps.store, missing, room.id);
    this.deps.log.info({ topic: room.topic, from: missing.roomId, to: room.id }, "a missing bound group spoke: binding moved to its new id");
    await this.reloadDirectory();
  }

  /** Whoever speaks in a group is its member; a renamed group keeps its binding. */
  async #observeRoom(msg: InboundMessage): Promise<void> {
    const room = msg.room!;
    const { store, clock } = this.deps;
    if (await this.#directory.observeMember(store, room.id, msg.sender.id)) {
      await store.roomMember.upsert({
        where: { roomId_contactId: { roomId: room.id, contactId: msg.sender.id } },
        create: { roomId: room.id, contactId: msg.sender.id, name: msg.sender.name, seenAt: clock.now() },
        update: { name: msg.sender.name, seenAt: clock.now() },
      });
      await this.#membershipChanged();
    }
    if (this.#topics.get(room.id) !== room.topic) {
      await this.roomRenamed(room.id, room.topic);
    }
  }
}
