import { afterAll, beforeAll, expect, it } from "vitest";
import { WechatyBuilder, log } from "wechaty";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import { attachWechaty } from "../../src/transport/attach-wechaty.ts";
import { TestBot } from "../support/test-app.ts";

// A member removed from a unit's group (WeChat's room-leave) stops reporting for that unit:
// from Wechaty over the mock puppet, through the adapter, to the pipeline and its store.
const ROOM = "区水利局工作群@chatroom";
let app: TestBot;
const mocker = new mock.Mocker();
const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
let zhang: mock.ContactMock;
let wang: mock.ContactMock;
let room: mock.RoomMock;

const until = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 10));
};

beforeAll(async () => {
  log.level("silent");
  app = await TestBot.create();
  await app.importSample();
  await app.bindDefaults();
  await wechaty.start();
  const me = mocker.createContact({ id: "bot", name: "督办助手" });
  zhang = mocker.createContact({ id: "张三", name: "张三", alias: "张三" });
  wang = mocker.createContact({ id: "王科长", name: "王科长", alias: "王科长" });
  room = mocker.createRoom({ id: ROOM, topic: "区水利局工作群", memberIdList: ["bot", "张三", "王科长"] });
  const loggedIn = new Promise<void>((r) => wechaty.once("login", () => r()));
  mocker.login(me);
  await loggedIn;
  attachWechaty(wechaty, app.app, new Date(0));
});
afterAll(async () => {
  await wechaty.stop();
  await app.close();
});

const members = () => app.app.store.roomMember.count({ where: { roomId: ROOM, contactId: "张三" } });

it("a removed member's reports are refused afterwards; what they said before stays recorded", async () => {
  zhang.say("进度 ZG-2026-003 已开工").to(room);
  await until(async () => (await members()) === 1 && (await app.app.store.issueEvent.count({ where: { type: "PROGRESS" } })) === 1);
  await app.flush();
  expect(app.sent.at(-1)?.text).toContain("已记录 ZG-2026-003 进度");
  expect((await app.say("张三", null, "进度 ZG-2026-003 私聊报送"))[0]).toContain("已记录 ZG-2026-003 进度");

  room.remove(zhang).by(wang);
  await until(async () => (await members()) === 0);
  expect(await members()).toBe(0);

  const [refused] = await app.say("张三", null, "进度 ZG-2026-003 被移出后报送");
  expect(refused).toContain("您不在该单位工作群中");
  expect(await app.app.store.issueEvent.count({ where: { type: "PROGRESS" } })).toBe(2);
});
