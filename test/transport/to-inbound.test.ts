import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WechatyBuilder, log, type Message } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FileBox } from "file-box";
import { MockWorld } from "../../src/sim/mock-world.ts";
import { toInbound } from "../../src/transport/to-inbound.ts";
import { WechatyTransport } from "../../src/transport/wechaty-transport.ts";

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

  it("a file (WeChat attachment) and a photo become an attachment, read on demand", async () => {
    const world = new MockWorld(mocker, me);
    const file = await toInbound(await next(() => world.sendFile("wxid_zhang", "区水利局工作群", "file", "验收材料.docx", Buffer.from("docx"))), new Date(), new Date(0));
    expect(file).toMatchObject({ text: "", sender: { id: "wxid_zhang" }, attachment: { kind: "file", fileName: "验收材料.docx" } });
    expect((await file!.attachment!.read()).toString()).toBe("docx");
    const photo = await toInbound(await next(() => world.sendFile("wxid_zhang", null, "image", "site.jpg", Buffer.from([0xff, 0xd8, 1]))), new Date(), new Date(0));
    expect(photo).toMatchObject({ room: null, attachment: { kind: "image", fileName: "site.jpg" } });
    expect([...(await photo!.attachment!.read())]).toEqual([0xff, 0xd8, 1]);
  });

  it("a file message sent through the transport arrives as a file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "duban-box-"));
    const data = Buffer.from("xlsx-bytes");
    writeFileSync(path.join(dir, "a.xlsx"), data);
    const sent = new Promise<Message>((resolve) => bot.once("message", (m) => resolve(m)));
    const transport = new WechatyTransport(bot, (f) => FileBox.fromBase64(readFileSync(f.path).toString("base64"), f.name));
    await transport.sendFile({ kind: "contact", id: "wxid_zhang", name: "张三" }, { kind: "file", path: path.join(dir, "a.xlsx"), name: "整改台账.xlsx" });
    const box = await (await sent).toFileBox();
    expect(box.name).toBe("整改台账.xlsx");
    expect(await box.toBuffer()).toEqual(data);
    rmSync(dir, { recursive: true, force: true });
  });
});
