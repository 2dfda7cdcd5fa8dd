import { afterAll, beforeAll, expect, it } from "vitest";
import { WechatyBuilder, log } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { AccountRooms } from "../../src/transport/account-rooms.ts";
import { attachWechaty } from "../../src/transport/attach-wechaty.ts";
import { TestBot } from "../support/test-app.ts";

// Which groups the account is in (what the outbox routes a group's messages by, when several
// accounts share a store): from the puppet's list at login, then WeChat's own events.
let app: TestBot;
const mocker = new mock.Mocker();
const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
let rooms: AccountRooms;
let me: mock.ContactMock;
let wang: mock.ContactMock;

const until = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 10));
};
const recorded = async () => (await app.app.store.accountRoom.findMany({ orderBy: [{ roomId: "asc" }, { account: "asc" }] })).map((r) => `${r.account} ${r.roomId}`);

beforeAll(async () => {
  log.level("silent");
  app = await TestBot.create();
  await wechaty.start();
  me = mocker.createContact({ id: "wxid_bot", name: "督办助手" });
  wang = mocker.createContact({ id: "王科长", name: "王科长", alias: "王科长" });
  mocker.createRoom({ id: "a@chatroom", topic: "甲群", memberIdList: ["wxid_bot", "王科长"] });
  mocker.createRoom({ id: "b@chatroom", topic: "乙群", memberIdList: ["wxid_bot", "王科长"] });
  const loggedIn = new Promise<void>((r) => wechaty.once("login", () => r()));
  mocker.login(me);
  await loggedIn;
  rooms = new AccountRooms(app.app.store, app.clock);
  attachWechaty(wechaty, app.app, new Date(0), { accountRooms: rooms });
});
afterAll(async () => {
  await wechaty.stop();
  await app.close();
});

it("records the account's groups at login, as it joins and leaves them, and when a group it was not known in speaks", async () => {
  // Another account's record is not this one's to change.
  await app.app.store.accountRoom.create({ data: { account: "wxid_other", roomId: "a@chatroom", seenAt: app.clock.now() } });
  await app.app.store.accountRoom.create({ data: { account: "wxid_bot", roomId: "gone@chatroom", seenAt: app.clock.now() } });
  expect(await rooms.listed(wechaty, "wxid_bot")).toBe(2);
  expect(await recorded()).toEqual(["wxid_bot a@chatroom", "wxid_other a@chatroom", "wxid_bot b@chatroom"]);

  const c = mocker.createRoom({ id: "c@chatroom", topic: "丙群", memberIdList: ["王科长"] });
  c.add(me).by(wang);
  await until(async () => (await recorded()).includes("wxid_bot c@chatroom"));
  expect(await recorded()).toContain("wxid_bot c@chatroom");

  mocker.RoomMock.load("a@chatroom").remove(me).by(wang);
  await until(async () => !(await recorded()).includes("wxid_bot a@chatroom"));
  expect(await recorded()).not.toContain("wxid_bot a@chatroom");

  // A group the login's list missed (wechat4u lists quiet groups late) is recorded when it speaks.
  const d = mocker.createRoom({ id: "d@chatroom", topic: "丁群", memberIdList: ["wxid_bot", "王科长"] });
  wang.say("你好").to(d);
  await until(async () => (await recorded()).includes("wxid_bot d@chatroom"));
  expect(await recorded()).toEqual(["wxid_other a@chatroom", "wxid_bot b@chatroom", "wxid_bot c@chatroom", "wxid_bot d@chatroom"]);
});
