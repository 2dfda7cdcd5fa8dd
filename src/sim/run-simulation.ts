import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WechatyBuilder, log as wechatyLog } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { createApp, type App } from "../app/create-app.ts";
import { createLogger } from "../app/create-logger.ts";
import { ConfigError, loadConfig } from "../config/load-config.ts";
import { ManualClock } from "../core/clock.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import type { Target } from "../bot/inbound-message.ts";
import { formatImportResult, importLedgerFile } from "../ledger/import-ledger.ts";
import { WechatyTransport } from "../transport/wechaty-transport.ts";
import { attachWechaty } from "../transport/attach-wechaty.ts";
import { MockWorld } from "./mock-world.ts";
import { parseScript, type Step } from "./parse-script.ts";
import { seededRandom } from "./seeded-random.ts";
import type { TimedWork } from "./timed-work.ts";
import { advanceTo, drainAll } from "./virtual-time.ts";
import { formatOutputLine } from "./format-output.ts";

export interface SimulationOptions {
  json: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment the script's @env lines are laid over. */
  env?: Record<string, string | undefined>;
  /** Extra timed work (the scheduler), run before the sender at equal times. */
  extraWork?: (app: App) => TimedWork[];
}

const SETTLE_TIMEOUT_MS = 15_000;

/**
 * Runs a script (DESIGN §6) against the real bot over wechaty-puppet-mock, a virtual
 * clock and a fresh temporary database. Returns the exit code: 0, or 2 if the script
 * had problems.
 */
export async function runSimulation(scriptPath: string, o: SimulationOptions): Promise<number> {
  let source: string;
  try {
    source = readFileSync(scriptPath, "utf8");
  } catch {
    o.err(`无法读取脚本文件：${scriptPath}`);
    return 2;
  }
  const script = parseScript(source);
  if (script.errors.length) {
    script.errors.forEach((e) => o.err(e));
    return 2;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "duban-sim-"));
  const scriptEnv = Object.fromEntries(script.steps.flatMap((s) => (s.kind === "env" ? [[s.key, s.value]] : [])));
  const env = {
    LOG_LEVEL: "error",
    ...(o.env ?? {}),
    ...scriptEnv,
    DATABASE_URL: `file:${path.join(dir, "duban.db")}`,
    DUBAN_ATTACHMENT_DIR: path.join(dir, "attachments"),
  };
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      o.err(e.message);
      return 2;
    }
    throw e;
  }
  const time = new ZonedTime(config.DUBAN_TZ);
  const firstNow = script.steps.find((s) => s.kind === "now");
  const start = firstNow?.kind === "now" ? time.parseLocal(firstNow.text) : null;
  const clock = new ManualClock(start ?? new Date());
  wechatyLog.level("silent");

  const mocker = new mock.Mocker();
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  const transport = new WechatyTransport(bot);
  const world = { current: null as MockWorld | null };
  const sent = {
    async send(target: Target, text: string) {
      await transport.send(target, text);
      const room = target.kind === "room" ? (world.current?.topicOf(target.id) ?? target.name) : null;
      o.out(formatOutputLine({ at: clock.now(), room, to: target.kind === "contact" ? target.id : null, text }, time, o.json));
    },
  };
  const app = await createApp({ config, clock, transport: sent, log: createLogger(config.LOG_LEVEL), random: seededRandom(20261201) });
  let problems = 0;
  let expected = 0;
  let settled = 0;
  const settleWaiters: (() => void)[] = [];
  try {
    await bot.start();
    const me = mocker.createContact({ id: config.DUBAN_BOT_NAME, name: config.DUBAN_BOT_NAME });
    const loggedIn = new Promise<void>((resolve) => bot.once("login", () => resolve()));
    mocker.login(me);
    await loggedIn;
    world.current = new MockWorld(mocker, me);
    attachWechaty(bot, app, new Date(0), () => {
      settled++;
      settleWaiters.splice(0).forEach((w) => w());
    });
    const senderWork: TimedWork = { nextDueAt: () => app.sender.nextDueAt(), runDue: () => app.sender.sendOne() };
    const work = [...(o.extraWork?.(app) ?? []), senderWork];
    const report = (step: Step, why: string) => {
      problems++;
      o.err(`第${step.line}行：${why}`);
    };
    const settle = async () => {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (settled < expected && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          settleWaiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    };

    for (const step of script.steps) {
      switch (step.kind) {
        case "env":
          break;
        case "now": {
          const to = time.parseLocal(step.text);
          if (!to) report(step, `@now 时间“${step.text}”无效，应写成 2026-12-01 08:00`);
          else if (to.getTime() < clock.now().getTime()) report(step, `@now 只能向后拨，${step.text} 早于当前模拟时间`);
          else await advanceTo(clock, to, work);
          break;
        }
        case "wait":
          await advanceTo(clock, new Date(clock.now().getTime() + step.ms), work);
          break;
        case "import": {
          const file = path.resolve(path.dirname(scriptPath), step.file);
          const result = await importLedgerFile(app.store, file, time, { actor: "simulator", now: clock.now() });
          o.err(`@import ${step.file}：${formatImportResult(result)}`);
          break;
        }
        case "topic": {
          if (!(await world.current.rename(step.room, step.topic))) report(step, `没有名为“${step.room}”的群`);
          break;
        }
        case "say":
          expected++;
          world.current.say(step.sender, step.room, step.text, step.text.includes(`@${config.DUBAN_BOT_NAME}`));
          await settle();
          await advanceTo(clock, clock.now(), work);
          break;
        case "image": {
          let data: Buffer;
          try {
            data = readFileSync(path.resolve(path.dirname(scriptPath), step.file));
          } catch {
            report(step, `找不到图片文件 ${step.file}`);
            break;
          }
          expected++;
          world.current.sendImage(step.sender, step.room, path.basename(step.file), data);
          await settle();
          await advanceTo(clock, clock.now(), work);
          break;
        }
      }
    }
    await drainAll(clock, [senderWork]);
  } finally {
    await bot.stop().catch(() => undefined);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return problems ? 2 : 0;
}
