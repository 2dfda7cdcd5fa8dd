import { afterEach, describe, expect, it } from "vitest";
import { WechatyBuilder, log } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { lockAccount } from "../../src/store/account-lock.ts";
import { relinkRooms } from "../../src/transport/relink-rooms.ts";
import { TestBot } from "../support/test-app.ts";
import { onPostgres } from "../support/test-database.ts";

describe("relinkRooms (puppets that renumber groups at login)", () => {
  let t: TestBot;
  afterEach(async () => t.close());

  it("moves a binding whose group id is gone to the group with its name, and keeps live ones", async () => {
    t = await TestBot.create();
    await t.importSample();
    await t.say("王科长", "区水利局工作群", "绑定 区水利局");
    await t.say("张三", "区水利局工作群", "大家好");
    await t.say("王科长", "领导群", "绑定 领导");

    log.level("silent");
    const mocker = new mock.Mocker();
    const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
    await bot.start();
    const me = mocker.createContact({ id: "bot", name: "督办助手" });
    const loggedIn = new Promise<void>((r) => bot.once("login", () => r()));
    mocker.login(me);
    await loggedIn;
    // After "re-login": the water bureau's group has a new id; a look-alike of the
    // leaders' group exists while the real one still does.
    mocker.createRoom({ id: "new-id@chatroom", topic: "区水利局工作群", memberIdList: ["bot"] });
    mocker.createRoom({ id: "领导群@chatroom", topic: "领导群", memberIdList: ["bot"] });
    mocker.createRoom({ id: "fake@chatroom", topic: "领导群", memberIdList: ["bot"] });

    await relinkRooms(bot, t.app);
    const rooms = await t.app.store.roomBinding.findMany({ orderBy: { id: "asc" } });
    expect(rooms.map((r) => r.roomId)).toEqual(["new-id@chatroom", "领导群@chatroom"]);
    expect(await t.app.store.roomMember.count({ where: { roomId: "new-id@chatroom" } })).toBe(2);

    const reply = await t.deliver(t.message("张三", null, "进度 ZG-2026-003 开工", { room: { id: "new-id@chatroom", topic: "区水利局工作群" } }));
    expect(reply[0]).toContain("已记录 ZG-2026-003 进度");
    await bot.stop();
  });

  // Several accounts on one store: a group this account is not in may be another's.
  it.skipIf(!onPostgres())("keeps a binding whose group another live account is in, and marks it missing once that account is gone", async () => {
    t = await TestBot.create();
    await t.app.store.unit.create({ data: { name: "区城管局" } });
    await t.say("王科长", "城管局群", "绑定 区城管局");
    await t.app.store.accountRoom.create({ data: { account: "wxid_other", roomId: "城管局群@chatroom", seenAt: t.clock.now() } });
    const other = await lockAccount(t.app.config.DATABASE_URL, "wxid_other");

    log.level("silent");
    const mocker = new mock.Mocker();
    const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
    await bot.start();
    const loggedIn = new Promise<void>((r) => bot.once("login", () => r()));
    mocker.login(mocker.createContact({ id: "bot", name: "督办助手" }));
    await loggedIn;

    expect(await relinkRooms(bot, t.app)).toEqual({ found: ["城管局群"], moved: [], missing: [] });
    await other.release();
    expect(await relinkRooms(bot, t.app)).toEqual({ found: [], moved: [], missing: ["城管局群"] });
    await bot.stop();
  });
});
