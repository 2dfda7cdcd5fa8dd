import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { WechatyBuilder, log as wechatyLog } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { createApp, type App } from "../../src/app/create-app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { attachWechaty } from "../../src/transport/attach-wechaty.ts";
import { attachLifecycle } from "../../src/transport/login-lifecycle.ts";
import { WechatyTransport } from "../../src/transport/wechaty-transport.ts";
import { SAMPLE_LEDGER } from "../support/test-app.ts";
import { testDatabaseUrl } from "../support/test-database.ts";

/**
 * The production wiring (WechatyTransport, attachWechaty, attachLifecycle) over the mock
 * puppet: a login, a logout, and a login where the puppet gave the groups new ids, the way
 * wechat4u does at every login.
 */
class World {
  said: { room: string; text: string }[] = [];
  private constructor(
    readonly app: App,
    readonly bot: ReturnType<typeof WechatyBuilder.build>,
    readonly mocker: mock.Mocker,
    readonly me: mock.ContactMock,
    readonly clock: ManualClock,
    readonly dir: string,
  ) {}

  static async create(intervalMs = 1000): Promise<World> {
    wechatyLog.level("silent");
    const dir = mkdtempSync(path.join(os.tmpdir(), "duban-life-"));
    const config = loadConfig({ DUBAN_ADMINS: "王科长", DATABASE_URL: testDatabaseUrl(path.join(dir, "t.db")), DUBAN_DATA_DIR: dir, DUBAN_SEND_INTERVAL_MS: String(intervalMs), DUBAN_SEND_JITTER_MS: "0" });
    const mocker = new mock.Mocker();
    const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
    const clock = new ManualClock(new Date("2026-12-01T08:00:00+08:00"));
    const app = await createApp({ config, clock, transport: new WechatyTransport(bot), log: pino({ level: "silent" }) });
    await bot.start();
    const me = mocker.createContact({ id: "bot", name: "督办助手" });
    mocker.createContact({ id: "王科长", name: "王科长", alias: "王科长" });
    const w = new World(app, bot, mocker, me, clock, dir);
    bot.on("message", async (m) => {
      if (m.self() && m.room()) w.said.push({ room: await m.room()!.topic(), text: m.text() });
    });
    attachWechaty(bot, app, new Date(0));
    attachLifecycle(bot, app, { settleMs: 60_000 });
    return w;
  }

  async login(): Promise<void> {
    const loggedIn = new Promise<void>((r) => this.bot.once("login", () => r()));
    this.mocker.login(this.me);
    await loggedIn;
  }

  /** The puppet's group list is loaded: the lifecycle matches the bindings and tells the admins. */
  async ready(): Promise<void> {
    const before = await this.app.store.outbox.count({ where: { key: { startsWith: "login:" } } });
    this.mocker.puppet.emit("ready", { data: "test" });
    for (let i = 0; i < 100; i++) {
      if ((await this.app.store.outbox.count({ where: { key: { startsWith: "login:" } } })) > before) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("no login notice");
  }

  room(id: string, topic: string): void {
    this.mocker.createRoom({ id, topic, memberIdList: ["bot"] });
  }

  /** The puppet forgets a group id (wechat4u at a new login). */
  forget(id: string): void {
    this.mocker.cacheRoomPayload.delete(id);
  }

  async tell(sender: string, roomId: string, topic: string, text: string): Promise<void> {
    await this.app.pipeline.submit({ id: `m${Math.random()}`, at: this.clock.now(), room: { id: roomId, topic }, sender: { id: sender, name: sender, alias: sender }, text, mentionsBot: false });
  }

  /** Runs the sender on the virtual clock until nothing can be sent. */
  async flush(): Promise<number> {
    let n = 0;
    for (let i = 0; i < 200; i++) {
      const due = await this.app.sender.nextDueAt();
      if (!due) break;
      if (due > this.clock.now()) this.clock.set(due);
      if (await this.app.sender.sendOne()) n++;
    }
    await new Promise((r) => setTimeout(r, 50)); // the mock echoes sent messages asynchronously
    return n;
  }

  async close(): Promise<void> {
    await this.bot.stop().catch(() => undefined);
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe("login, logout, login again with new group ids", () => {
  let w: World;
  afterEach(async () => w.close());

  it("keeps every binding, sends nothing while logged out, loses nothing, and tells the admins", async () => {
    w = await World.create();
    const r = await importLedgerFile(w.app.store, SAMPLE_LEDGER, w.app.time, { actor: "test", now: w.clock.now() });
    expect(r.ok).toBe(true);
    w.room("old-water@chatroom", "区水利局工作群");
    w.room("old-leaders@chatroom", "领导群");
    w.room("old-town@chatroom", "百胜镇群");
    await w.login();
    await w.tell("王科长", "old-water@chatroom", "区水利局工作群", "绑定 区水利局");
    await w.tell("王科长", "old-leaders@chatroom", "领导群", "绑定 领导");
    await w.tell("王科长", "old-town@chatroom", "百胜镇群", "绑定 百胜镇人民政府");
    await w.ready();
    await w.flush();
    expect(w.said.map((s) => s.room)).toEqual(["区水利局工作群", "领导群", "百胜镇群"]);

    // Logged out: a unit reports; the reply waits, untouched.
    await w.mocker.puppet.logout();
    expect(w.app.sender.paused).toBe(true);
    await w.tell("张三", "old-water@chatroom", "区水利局工作群", "进度 ZG-2026-003 设备已到货");
    w.clock.advance(3_600_000);
    expect(await w.flush()).toBe(0);
    const waiting = await w.app.store.outbox.findMany({ where: { status: { not: "SENT" } } });
    expect(waiting.map((o) => [o.status, o.attempts])).toEqual([["PENDING", 0]]);

    // Logged in again: the water bureau's and the leaders' groups have new ids; the town's group is gone.
    for (const id of ["old-water@chatroom", "old-leaders@chatroom", "old-town@chatroom"]) w.forget(id);
    w.room("new-water@chatroom", "区水利局工作群");
    w.room("new-leaders@chatroom", "领导群");
    await w.login();
    await w.ready();
    await w.flush();

    const bindings = await w.app.store.roomBinding.findMany({ orderBy: { id: "asc" } });
    expect(bindings.map((b) => [b.topic, b.roomId, b.missingSince !== null])).toEqual([
      ["区水利局工作群", "new-water@chatroom", false],
      ["领导群", "new-leaders@chatroom", false],
      ["百胜镇群", "old-town@chatroom", true],
    ]);
    // The reply written while logged out moved to the group's new id with its binding, and reached it.
    const reply = await w.app.store.outbox.findFirstOrThrow({ where: { text: { contains: "已记录 ZG-2026-003 进度" } } });
    expect(reply).toMatchObject({ roomId: "new-water@chatroom", status: "SENT", attempts: 1 });
    expect(w.said.filter((s) => s.text.includes("已记录 ZG-2026-003 进度"))).toEqual([{ room: "区水利局工作群", text: reply.text }]);
    const notice = await w.app.store.outbox.findFirstOrThrow({ where: { key: { startsWith: "login:" } }, orderBy: { id: "desc" } });
    expect(notice).toMatchObject({ contactId: "王科长", status: "SENT" });
    expect(notice.text).toContain("已绑定的群找到 2 个（其中 2 个群编号已变，已按群名重新关联）");
    expect(notice.text).toContain("未找到 1 个（绑定保留）：\n- 百胜镇群");

    // A unit member in the renumbered group is still that unit's member.
    await w.tell("张三", "new-water@chatroom", "区水利局工作群", "查询 ZG-2026-003");
    await w.flush();
    expect(w.said.at(-1)!.text).toContain("ZG-2026-003");
    expect(w.said.at(-1)!.room).toBe("区水利局工作群");

    // The missing group speaks under a new id (wechat4u lists quiet groups late): it takes its binding back.
    w.room("new-town@chatroom", "百胜镇群");
    await w.tell("刘五", "new-town@chatroom", "百胜镇群", "清单");
    expect(await w.app.store.roomBinding.findFirstOrThrow({ where: { topic: "百胜镇群" } })).toMatchObject({ roomId: "new-town@chatroom", missingSince: null });
  });

  it("never guesses: with two new groups of the bound name, the binding stays missing", async () => {
    w = await World.create();
    await importLedgerFile(w.app.store, SAMPLE_LEDGER, w.app.time, { actor: "test", now: w.clock.now() });
    w.room("old-leaders@chatroom", "领导群");
    await w.login();
    await w.tell("王科长", "old-leaders@chatroom", "领导群", "绑定 领导");
    await w.ready();
    await w.mocker.puppet.logout();
    w.forget("old-leaders@chatroom");
    w.room("a@chatroom", "领导群");
    w.room("b@chatroom", "领导群");
    w.clock.advance(60_000);
    await w.login();
    await w.ready();
    expect(await w.app.store.roomBinding.findFirstOrThrow({ where: { topic: "领导群" } })).toMatchObject({ roomId: "old-leaders@chatroom", missingSince: expect.any(Date) });
  });
});

describe("the production sending loop", () => {
  let w: World;
  afterEach(async () => w.close());

  it("starts paused, and after the login's groups are matched delivers on its own (no manual flush)", async () => {
    w = await World.create(0);
    w.room("water@chatroom", "区水利局工作群");
    await w.tell("王科长", "water@chatroom", "区水利局工作群", "绑定 区水利局");
    await new Promise((r) => setTimeout(r, 300));
    expect(w.said).toEqual([]); // not logged in yet
    await w.login();
    await w.ready();
    for (let i = 0; i < 100 && w.said.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(w.said.map((s) => s.room)).toEqual(["区水利局工作群"]);
  });
});
