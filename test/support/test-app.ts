import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createApp, type App } from "../../src/app/create-app.ts";
import type { InboundMessage } from "../../src/handlers/inbound-message.ts";
import { fileMessage, type OutgoingFile, type Target } from "../../src/outbox/outgoing.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { testDatabaseUrl } from "./test-database.ts";

export const SAMPLE_LEDGER = path.resolve(import.meta.dirname, "../../demo/ledger-sample.csv");

export interface Sent {
  at: Date;
  to: string;
  text: string;
  /** A file message: the file sent, read when it was sent. */
  file?: OutgoingFile & { data: Buffer };
}

/**
 * The real app (store on a fresh SQLite file, pipeline, outbox sender) with a recording
 * transport and a manual clock: what Bolt calls a fake receiver.
 */
export class TestBot {
  sent: Sent[] = [];
  failNext = 0;
  #n = 0;

  private constructor(
    readonly app: App,
    readonly clock: ManualClock,
    readonly dir: string,
  ) {}

  static async create(env: Record<string, string> = {}, start = "2026-12-01T08:00:00+08:00", log = pino({ level: "silent" })): Promise<TestBot> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "duban-test-"));
    const config = loadConfig({
      DUBAN_ADMINS: "王科长",
      DUBAN_SEND_JITTER_MS: "0",
      // The digest's text is what most tests read; the pictures have tests of their own.
      DUBAN_DIGEST_FORMAT: "text",
      ...env,
      DATABASE_URL: testDatabaseUrl(path.join(dir, "t.db")),
      DUBAN_DATA_DIR: dir,
      DUBAN_ATTACHMENT_DIR: path.join(dir, "files"),
    });
    const clock = new ManualClock(new Date(start));
    const holder: { bot?: TestBot } = {};
    const record = (target: Target, text: string, file?: Sent["file"]) => {
      const bot = holder.bot!;
      if (bot.failNext > 0) {
        bot.failNext--;
        throw new Error("simulated send failure");
      }
      bot.sent.push({ at: clock.now(), to: target.kind === "room" ? target.name : `@${target.id}`, text, ...(file ? { file } : {}) });
    };
    const transport = {
      send: async (target: Target, text: string) => record(target, text),
      sendFile: async (target: Target, file: OutgoingFile) => record(target, fileMessage(target, file).text, { ...file, data: readFileSync(file.path) }),
    };
    const app = await createApp({ config, clock, transport, log });
    holder.bot = new TestBot(app, clock, dir);
    return holder.bot;
  }

  async importSample(): Promise<void> {
    const r = await importLedgerFile(this.app.store, SAMPLE_LEDGER, this.app.time, { actor: "test", now: this.clock.now() });
    if (!r.ok) throw new Error("sample ledger did not import");
  }

  message(sender: string, room: string | null, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
    return {
      id: `m${++this.#n}`,
      at: this.clock.now(),
      room: room ? { id: `${room}@chatroom`, topic: room } : null,
      sender: { id: sender, name: sender, alias: sender },
      text,
      mentionsBot: false,
      ...extra,
    };
  }

  /** Delivers a message and every reply it caused; returns the texts sent. */
  async say(sender: string, room: string | null, text: string, extra: Partial<InboundMessage> = {}): Promise<string[]> {
    return this.deliver(this.message(sender, room, text, extra));
  }

  async deliver(msg: InboundMessage): Promise<string[]> {
    const before = this.sent.length;
    await this.app.pipeline.submit(msg);
    await this.flush();
    return this.sent.slice(before).map((s) => s.text);
  }

  /** Runs the sender until nothing is pending, moving the clock as its pacing asks. */
  async flush(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const due = await this.app.sender.nextDueAt();
      if (!due) return;
      if (due > this.clock.now()) this.clock.set(due);
      await this.app.sender.sendOne();
    }
  }

  /** Binds the sample's usual groups: 区水利局工作群, 百胜镇群, 领导群. */
  async bindDefaults(): Promise<void> {
    await this.say("王科长", "区水利局工作群", "绑定 区水利局");
    await this.say("王科长", "百胜镇群", "绑定 百胜镇人民政府");
    await this.say("王科长", "领导群", "绑定 领导");
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
