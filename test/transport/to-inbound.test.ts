import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WechatyBuilder, log, type Message } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { toInbound } from "../../src/transport/to-inbound.ts";

// The adapter on a real Wechaty over the mock puppet: what reaches the domain, and what not.
describe("toInbound", () => {
  const mocker = new mock.Mocker();
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  let me: mock.ContactMock;
  let zhang: mock.ContactMock;
  let room: mock.RoomMock;
  const received: Message[] = [];

  beforeAll(async () => {
    log.level("silent");
    await bot.start();
    me = mocker.createContact({ id: "bot", name: "督办助手" });
    zhang = mocker.createContact({ id: "wxid_zhang", name: "张三", alias: "水利张" });
    room = mocker.createRoom({ id: "r1@chatroom", topic: "区水利局工作群", memberIdList: ["bot", "wxid_zhang"] });
    const loggedIn = new Promise<void>((r) => bot.once("login", () => r()));
    mocker.login(me);
    await loggedIn;
    bot.on("message", (m) => void received.push(m));
  });
  afterAll(async () => bot.stop());

  const next = async (send: () => void): Promise<Message> => {
    const n = received.length;
    send();
    for (let i = 0; i < 100 && received.length === n; i++) await new Promise((r) => setTimeout(r, 10));
    return received[n]!;
  };

  it("turns a group message into a plain object with room, sender, alias and mention", async () => {
    const msg = await next(() => zhang.say("@督办助手 查询 ZG-2026-003", [me]).to(room));
    const at = new Date("2026-12-01T00:00:00Z");
    expect(await toInbound(msg, at, new Date(0))).toMatchObject({
      at,
      room: { id: "r1@chatroom", topic: "区水利局工作群" },
      sender: { id: "wxid_zhang", name: "张三", alias: "水利张" },
      text: "@督办助手 查询 ZG-2026-003",
      mentionsBot: true,
    });
  });

  it("ignores the bot's own messages and anything older than start-up", async () => {
    const own = await next(() => me.say("本群已绑定").to(room));
    expect(await toInbound(own, new Date(), new Date(0))).toBeNull();
    const old = await next(() => zhang.say("进度 ZG-2026-003 开工").to(room));
    expect(await toInbound(old, new Date(), new Date(Date.now() + 60_000))).toBeNull();
  });

  it("a private message has no room", async () => {
    const msg = await next(() => zhang.say("清单").to(me));
    expect(await toInbound(msg, new Date(), new Date(0))).toMatchObject({ room: null, text: "清单", mentionsBot: false });
  });
});
