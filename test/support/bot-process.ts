/**
 * One bot process of test/outbox/two-processes.test.ts: the production wiring (WechatyTransport,
 * attachWechaty, attachLifecycle with the account's lock and group list) over the mock puppet,
 * logged in as `account`, on the store at DATABASE_URL, its clock at a fixed time. Driven by
 * JSON lines on stdin; says what it sent, and when it has done each command, on stdout.
 *
 *   npx tsx test/support/bot-process.ts <account> <dataDir>   (DATABASE_URL in the environment)
 *   {"rooms":[{"id":"lead@chatroom","topic":"领导群"}]}   the groups the account is in
 *   {"say":{"id":"m1","room":"lead@chatroom","sender":"王科长","text":"绑定 领导","at":1796000000000}}
 *   {"jobs":"2026-12-07T09:00:00+08:00"}                 the day's jobs due at that time
 *   {"quit":true}
 */
import { createInterface } from "node:readline";
import pino from "pino";
import { WechatyBuilder, log as wechatyLog } from "wechaty";
import * as PUPPET from "wechaty-puppet";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { FileBox } from "file-box";
import { readFileSync } from "node:fs";
import { createApp } from "../../src/app/create-app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock } from "../../src/core/clock.ts";
import type { OutgoingFile, Target } from "../../src/outbox/outgoing.ts";
import { AccountTakenError, lockAccount } from "../../src/store/account-lock.ts";
import { AccountRooms } from "../../src/transport/account-rooms.ts";
import { attachWechaty } from "../../src/transport/attach-wechaty.ts";
import { attachLifecycle } from "../../src/transport/login-lifecycle.ts";
import { WechatyTransport } from "../../src/transport/wechaty-transport.ts";

const [account, dataDir] = process.argv.slice(2) as [string, string];
const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

wechatyLog.level("silent");
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  DUBAN_ADMINS: "王科长",
  DUBAN_BOT_NAME: account,
  DUBAN_SEND_INTERVAL_MS: "0",
  DUBAN_SEND_JITTER_MS: "0",
  DUBAN_DIGEST_FORMAT: "text",
  DUBAN_DATA_DIR: dataDir,
});
const clock = new ManualClock(new Date("2026-12-07T08:00:00+08:00"));
const mocker = new mock.Mocker();
const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
const wechaty = new WechatyTransport(bot, (file) => FileBox.fromBase64(readFileSync(file.path).toString("base64"), file.name));
const transport = {
  async send(target: Target, text: string) {
    await wechaty.send(target, text);
    out({ sent: { by: account, to: target.id, text } });
  },
  async sendFile(target: Target, file: OutgoingFile) {
    await wechaty.sendFile(target, file);
    out({ sent: { by: account, to: target.id, text: file.name } });
  },
};
const app = await createApp({ config, clock, transport, log: pino({ level: process.env.BOT_LOG ?? "silent" }, pino.destination(2)) });
const accountRooms = new AccountRooms(app.store, clock);
let taken = false;
const claimAccount = async (id: string) => {
  try {
    await lockAccount(config.DATABASE_URL, id);
    return true;
  } catch (err) {
    if (!(err instanceof AccountTakenError)) throw err;
    taken = true;
    return false;
  }
};
const settled: (() => void)[] = [];
attachWechaty(bot, app, new Date(0), { accountRooms, onSettled: () => settled.splice(0).forEach((done) => done()) });
attachLifecycle(bot, app, { claimAccount, accountRooms, settleMs: 60_000 });
await bot.start();
const me = mocker.createContact({ id: account, name: account });
for (const who of ["王科长", "张三"]) mocker.createContact({ id: who, name: who, alias: who });

async function login(rooms: { id: string; topic: string }[]): Promise<void> {
  for (const r of rooms) mocker.createRoom({ id: r.id, topic: r.topic, memberIdList: [account, "王科长", "张三"] });
  const loggedIn = new Promise<void>((resolve) => bot.once("login", () => resolve()));
  mocker.login(me);
  await loggedIn;
  mocker.puppet.emit("ready", { data: "test" });
  // Sending resumes once the account is ours and its groups are recorded.
  for (let i = 0; i < 500 && app.sender.paused && !taken; i++) await new Promise((r) => setTimeout(r, 20));
  if (taken) {
    out({ taken: account });
    process.exit(1);
  }
}

function say(m: { id: string; room: string | null; sender: string; text: string; at: number }): void {
  const base = { id: m.id, talkerId: m.sender, timestamp: m.at, type: PUPPET.types.Message.Text, text: m.text };
  mocker.MessageMock.create(m.room ? { ...base, roomId: m.room, mentionIdList: [] } : { ...base, listenerId: account });
  mocker.puppet.emit("message", { messageId: m.id });
}

/** Each command's work is done (a message handled: its answer in the outbox) before the next is read. */
for await (const line of createInterface({ input: process.stdin })) {
  const c = JSON.parse(line) as { rooms?: { id: string; topic: string }[]; say?: Parameters<typeof say>[0]; jobs?: string; quit?: boolean };
  if (c.rooms) await login(c.rooms);
  if (c.say) {
    const handled = new Promise<void>((resolve) => settled.push(resolve));
    say(c.say);
    await handled;
  }
  if (c.jobs) {
    clock.set(new Date(c.jobs));
    await app.scheduler.runDue();
    app.sender.notify();
  }
  if (c.quit) break;
  out({ done: Object.keys(c)[0] });
}
await app.sender.stop();
await bot.stop().catch(() => undefined);
await app.close();
process.exit(0);
