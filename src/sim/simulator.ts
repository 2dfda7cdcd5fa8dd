import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FileBox } from "file-box";
import { WechatyBuilder, log as wechatyLog } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { createApp, type App } from "../app/create-app.ts";
import { createLogger } from "../app/create-logger.ts";
import type { Config } from "../config/load-config.ts";
import { ManualClock } from "../core/clock.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { fileMessage, type OutgoingFile, type Target } from "../outbox/outgoing.ts";
import { formatImportResult, importLedgerFile } from "../ledger/import-ledger.ts";
import { WechatyTransport } from "../transport/wechaty-transport.ts";
import { attachWechaty } from "../transport/attach-wechaty.ts";
import { formatOutputLine, type Delivered } from "./format-output.ts";
import { MockWorld } from "./mock-world.ts";
import type { Step } from "./parse-script.ts";
import { seededRandom } from "./seeded-random.ts";
import { temporaryDatabase } from "../store/temporary-database.ts";
import { createSimTempDir } from "./sim-temp-dir.ts";
import type { TimedWork } from "../core/timed-work.ts";
import { advanceTo, drainAll } from "./virtual-time.ts";

export interface SimulatorOptions {
  config: Config;
  start: Date;
  /** Where @import, [图片] and [文件] paths are relative to. */
  baseDir: string;
  json: boolean;
  /** Where the files the bot sends are written (--files); none when not given. */
  filesDir?: string | undefined;
  /** How a delivered message is printed: the contract's one-line format unless given. */
  format?: (d: Delivered) => string;
  out: (line: string) => void;
  err: (line: string) => void;
}

const SETTLE_TIMEOUT_MS = 15_000;

/**
 * Writes a sent file under its own name, replacing one left there by an earlier run (a
 * script's `@import` of it must read this run's file); a second file of that name in the
 * same run gets ` (2)` before the extension.
 */
function copyOut(file: OutgoingFile, dir: string, written: Set<string>): void {
  mkdirSync(dir, { recursive: true });
  // A name as a sender's WeChat gave it: never a path out of the folder.
  const name = path.basename(file.name);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (written.has(target)) continue;
    copyFileSync(file.path, target);
    written.add(target);
    return;
  }
}

/**
 * The real bot over wechaty-puppet-mock, a virtual clock and a fresh temporary
 * database, driven one script step at a time (by a script, or by the demo console).
 */
export class Simulator {
  problems = 0;
  #expected = 0;
  #settled = 0;
  #waiters: (() => void)[] = [];
  #work: TimedWork[] = [];
  #sender!: TimedWork;

  private constructor(
    readonly app: App,
    readonly clock: ManualClock,
    readonly time: ZonedTime,
    private readonly world: MockWorld,
    private readonly bot: ReturnType<typeof WechatyBuilder.build>,
    /** Removes the temporary folder and database. */
    private readonly remove: () => Promise<void>,
    private readonly o: SimulatorOptions,
  ) {}

  static async create(o: SimulatorOptions): Promise<Simulator> {
    const temp = createSimTempDir();
    const dir = temp.dir;
    const database = await temporaryDatabase(o.config.DATABASE_URL, dir);
    const config: Config = {
      ...o.config,
      DATABASE_URL: database.url,
      DUBAN_DATA_DIR: dir,
      DUBAN_ATTACHMENT_DIR: path.join(dir, "attachments"),
    };
    const time = new ZonedTime(config.DUBAN_TZ);
    const clock = new ManualClock(o.start);
    wechatyLog.level("silent");
    const mocker = new mock.Mocker();
    const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
    // The mock keeps what it is sent as JSON, which a box backed by a file cannot be.
    const transport = new WechatyTransport(bot, (file) => FileBox.fromBase64(readFileSync(file.path).toString("base64"), file.name));
    const holder: { world?: MockWorld } = {};
    const written = new Set<string>();
    const print = (target: Target, text: string) => {
      const room = target.kind === "room" ? (holder.world?.topicOf(target.id) ?? target.name) : null;
      const delivered = { at: clock.now(), room, to: target.kind === "contact" ? target.id : null, text };
      o.out(o.format ? o.format(delivered) : formatOutputLine(delivered, time, o.json));
    };
    const printing = {
      async send(target: Target, text: string) {
        await transport.send(target, text);
        print(target, text);
      },
      async sendFile(target: Target, file: OutgoingFile) {
        await transport.sendFile(target, file);
        if (o.filesDir) copyOut(file, o.filesDir, written);
        print(target, fileMessage(target, file).text);
      },
    };
    const app = await createApp({ config, clock, transport: printing, log: createLogger(config.LOG_LEVEL), random: seededRandom(20261201) });
    await bot.start();
    const me = mocker.createContact({ id: config.DUBAN_BOT_NAME, name: config.DUBAN_BOT_NAME });
    const loggedIn = new Promise<void>((resolve) => bot.once("login", () => resolve()));
    mocker.login(me);
    await loggedIn;
    holder.world = new MockWorld(mocker, me);
    // Admins are told things privately before they may have said a word.
    for (const admin of config.DUBAN_ADMINS) holder.world.contact(admin);
    const sim = new Simulator(app, clock, time, holder.world, bot, async () => {
      await database.drop();
      temp.remove();
    }, o);
    attachWechaty(bot, app, new Date(0), { onSettled: () => sim.#onSettled() });
    sim.#sender = { nextDueAt: () => app.sender.nextDueAt(), runDue: () => app.sender.sendOne() };
    // The scheduler first: at equal times its jobs enqueue before the sender delivers.
    sim.#work = [app.scheduler, sim.#sender];
    return sim;
  }

  #onSettled(): void {
    this.#settled++;
    this.#waiters.splice(0).forEach((w) => w());
  }

  async #settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (this.#settled < this.#expected && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async #deliverQueued(): Promise<void> {
    for (let i = 0, at = await this.#sender.nextDueAt(); at !== null && i < 10_000; i++, at = await this.#sender.nextDueAt()) {
      await advanceTo(this.clock, at, this.#work);
    }
  }

  #problem(step: Step, why: string): void {
    this.problems++;
    this.o.err(`第${step.line}行：${why}`);
  }

  async step(step: Step): Promise<void> {
    const { app, clock, time, world } = this;
    switch (step.kind) {
      case "env":
        return;
      case "now": {
        const to = time.parseLocal(step.text);
        if (!to) return this.#problem(step, `@now 时间“${step.text}”无效，应写成 2026-12-01 08:00`);
        if (to.getTime() < clock.now().getTime()) return this.#problem(step, `@now 只能向后拨，${step.text} 早于当前模拟时间`);
        return advanceTo(clock, to, this.#work);
      }
      case "wait":
        return advanceTo(clock, new Date(clock.now().getTime() + step.ms), this.#work);
      case "import": {
        // A file the bot sent (导出) reaches --files only when delivered: a script's next
        // line may import it, so what is queued is delivered first, at the sender's pace.
        await this.#deliverQueued();
        const file = path.resolve(this.o.baseDir, step.file);
        const result = await importLedgerFile(app.store, file, time, {
          actor: "simulator",
          now: clock.now(),
          immediateDays: app.config.DUBAN_IMMEDIATE_DAYS,
        });
        this.o.err(`@import ${step.file}：${formatImportResult(result)}`);
        return;
      }
      case "topic":
        if (!(await world.rename(step.room, step.topic))) this.#problem(step, `没有名为“${step.room}”的群`);
        return;
      case "say":
        this.#expected++;
        world.say(step.sender, step.room, step.text, step.text.includes(`@${app.config.DUBAN_BOT_NAME}`));
        await this.#settle();
        return advanceTo(clock, clock.now(), this.#work);
      case "image":
      case "file": {
        const what = step.kind === "image" ? "图片" : "文件";
        let data: Buffer;
        try {
          data = readFileSync(path.resolve(this.o.baseDir, step.file));
        } catch {
          return this.#problem(step, `找不到${what}文件 ${step.file}`);
        }
        if (data.length === 0) return this.#problem(step, `${what}文件 ${step.file} 是空文件`);
        this.#expected++;
        world.sendFile(step.sender, step.room, step.kind, path.basename(step.file), data);
        await this.#settle();
        return advanceTo(clock, clock.now(), this.#work);
      }
    }
  }

  /** Delivers what is still queued (the sender's pacing tail), then tears everything down. */
  async finish(): Promise<void> {
    try {
      await drainAll(this.clock, [this.#sender]);
    } finally {
      await this.bot.stop().catch(() => undefined);
      await this.app.close();
      await this.remove();
    }
  }
}
