import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestBot } from "../support/test-app.ts";

let bot: TestBot;
beforeEach(async () => {
  bot = await TestBot.create();
  await bot.importSample();
  await bot.bindDefaults();
});
afterEach(async () => bot.close());

const WATER = "区水利局工作群";
const issue = (code: string) => bot.app.store.issue.findUnique({ where: { code } });
const events = (code: string, type?: string) => bot.app.store.issueEvent.findMany({ where: { issue: { code }, ...(type ? { type } : {}) }, orderBy: { id: "asc" } });
const quote = (quoted: string, reply: string) => `「督办助手：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`;

describe("交办", () => {
  it("registers the issue with the next code, answers with it and sends the unit its notice", async () => {
    const replies = await bot.say("王科长", null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
    expect(replies).toEqual([
      "已交办 DB-2026-001 给区水利局，整改时限12月31日；交办通知已发往区水利局工作群。",
      "【交办通知】DB-2026-001\n区水利局：督查室交办问题一件，请抓紧整改。\n问题：城南河道沿岸堆放建筑垃圾\n整改时限：12月31日\n请回复：签收 DB-2026-001，或引用本消息回复“收到”。",
    ]);
    expect(bot.sent.at(-1)!.to).toBe(WATER);
    expect(await issue("DB-2026-001")).toMatchObject({
      state: "NOT_STARTED",
      source: "交办",
      deadline: "2026-12-31",
      assignedOn: "2026-12-01",
      ackPending: true,
      acknowledgedAt: null,
    });
    expect(await events("DB-2026-001")).toEqual([
      expect.objectContaining({ type: "ASSIGNED", actorId: "王科长", roomId: null, text: "城南河道沿岸堆放建筑垃圾", newDeadline: "2026-12-31" }),
    ]);
    expect((await bot.say("王科长", null, "交办 百胜镇人民政府 2026-12-20 镇区餐饮油烟直排"))[0]).toContain("DB-2026-002");
  });

  it("takes the next number after any code of the prefix and year, however a ledger spelt it", async () => {
    const unitId = (await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } })).id;
    await bot.app.store.issue.createMany({
      data: [
        { code: "DB2026007", description: "导入", unitId, deadline: "2026-12-31" },
        { code: "DB-2025-050", description: "去年", unitId, deadline: "2026-12-31" },
      ],
    });
    expect((await bot.say("王科长", null, "交办 区水利局 12月31日 河道垃圾"))[0]).toContain("DB-2026-008");
    await bot.app.store.issue.create({ data: { code: "db_2026_9", description: "小写", unitId, deadline: "2026-12-31" } });
    expect((await bot.say("王科长", null, "交办 区水利局 12月31日 河道垃圾"))[0]).toContain("DB-2026-010");
  });

  it("said in the unit's own group, the notice is the answer", async () => {
    const replies = await bot.say("王科长", WATER, "交办 区水利局 12月31日 河道垃圾");
    expect(replies).toEqual([expect.stringMatching(/^【交办通知】DB-2026-001\n/)]);
    expect((await events("DB-2026-001"))[0]).toMatchObject({ type: "ASSIGNED", actorId: "王科长", roomId: `${WATER}@chatroom` });
  });

  it("refuses an unknown unit with the closest names, and writes nothing", async () => {
    expect(await bot.say("王科长", null, "交办 区水力局 12月31日 河道垃圾")).toEqual(["未找到单位“区水力局”。您要找的是不是：区水利局？"]);
    expect(await bot.say("王科长", null, "交办 环保督察组 12月31日 河道垃圾")).toEqual(["未找到单位“环保督察组”，请核对单位名称"]);
    expect(await bot.app.store.issue.count({ where: { source: "交办" } })).toBe(0);
  });

  it("assigns to a unit with no group, and says the notice cannot be sent", async () => {
    const [answer] = await bot.say("王科长", null, "交办 区城市管理局 12月31日 餐厨垃圾外溢");
    expect(answer).toBe(
      "已交办 DB-2026-001 给区城市管理局，整改时限12月31日。区城市管理局尚未绑定工作群，交办通知无法送达；请在该单位工作群发送“绑定 区城市管理局”后，再将编号告知该单位。",
    );
    expect(await issue("DB-2026-001")).toMatchObject({ ackPending: true });
  });

  it("refuses a past date, and anyone but the admins", async () => {
    expect(await bot.say("王科长", null, "交办 区水利局 2026-11-30 河道垃圾")).toEqual(["整改时限11月30日早于今天，请核对日期"]);
    expect(await bot.say("张三", WATER, "交办 区水利局 12月31日 河道垃圾")).toEqual(["只有督查室管理员可以交办问题"]);
    expect(await bot.app.store.issue.count({ where: { source: "交办" } })).toBe(0);
  });

  it("keeps a long description whole, and a long-term assignment has no deadline", async () => {
    const long = "城南河道沿岸".repeat(150);
    await bot.say("王科长", null, `交办 区水利局 12月31日 ${long}`);
    expect((await issue("DB-2026-001"))!.description).toBe(long);
    expect((await bot.say("王科长", null, "交办 区水利局 长期坚持 落实河长制巡河"))[0]).toContain("整改时限长期坚持");
    expect((await bot.say("王科长", null, "交办 区水利局 立行立改 清理排口垃圾"))[0]).toContain("整改时限12月8日");
    expect((await issue("DB-2026-002"))!.deadline).toBeNull();
  });
});

describe("a message delivered twice", () => {
  it("assigns once, registers one 自查, and tells the group once", async () => {
    const assign = bot.message("王科长", null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
    expect(await bot.deliver(assign)).toHaveLength(2);
    expect(await bot.deliver(assign)).toEqual([]);
    const found = bot.message("张三", WATER, "自查 厂区雨污管网混接");
    expect(await bot.deliver(found)).toHaveLength(2);
    expect(await bot.deliver(found)).toEqual([]);
    expect((await bot.app.store.issue.findMany({ where: { code: { startsWith: "DB-" } }, orderBy: { code: "asc" } })).map((i) => i.code)).toEqual(["DB-2026-001", "DB-2026-002"]);
    expect(await bot.app.store.issueEvent.count({ where: { type: { in: ["ASSIGNED", "SELF_FOUND"] } } })).toBe(2);
  });
});

describe("签收", () => {
  beforeEach(async () => {
    await bot.say("王科长", null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
  });

  it("by command: acknowledged quietly, and 查询 shows when", async () => {
    bot.clock.set(new Date("2026-12-01T10:05:00+08:00"));
    expect(await bot.say("张三", WATER, "签收 DB-2026-001")).toEqual(["已签收 DB-2026-001，整改时限12月31日。请抓紧整改，按时报送进度。"]);
    expect(await issue("DB-2026-001")).toMatchObject({ ackPending: false, acknowledgedAt: new Date("2026-12-01T10:05:00+08:00") });
    expect(await events("DB-2026-001", "ACKNOWLEDGED")).toEqual([expect.objectContaining({ actorId: "张三", roomId: `${WATER}@chatroom` })]);
    const [card] = await bot.say("张三", WATER, "查询 DB-2026-001");
    expect(card).toContain("问题来源：交办");
    expect(card).toContain("交办日期：12月1日（已签收 12-01 10:05）");
    expect(await bot.say("张三", WATER, "签收 DB-2026-001")).toEqual(["DB-2026-001 已于12-01 10:05签收，无需重复签收。"]);
    expect(await events("DB-2026-001", "ACKNOWLEDGED")).toHaveLength(1);
  });

  it("by a quoted 收到 to the notice; staff's 好的 to it is not the unit's 签收", async () => {
    const notice = bot.sent.at(-1)!.text;
    expect(await bot.say("王科长", WATER, quote(notice, "好的"))).toEqual([]);
    expect((await issue("DB-2026-001"))!.ackPending).toBe(true);
    expect(await bot.say("张三", WATER, quote(notice, "收到！"))).toEqual(["已签收 DB-2026-001，整改时限12月31日。请抓紧整改，按时报送进度。"]);
    expect((await issue("DB-2026-001"))!.ackPending).toBe(false);
  });

  it("by a report on it: a unit that reports progress has received the assignment", async () => {
    bot.clock.set(new Date("2026-12-02T09:30:00+08:00"));
    await bot.say("张三", WATER, "进度 DB-2026-001 已安排清运车辆");
    expect(await issue("DB-2026-001")).toMatchObject({ ackPending: false, acknowledgedAt: new Date("2026-12-02T09:30:00+08:00"), state: "IN_PROGRESS" });
    expect(await bot.say("张三", WATER, "签收 DB-2026-001")).toEqual(["DB-2026-001 已于12-02 09:30签收，无需重复签收。"]);
  });

  it("an issue not assigned by 交办, or another unit's, is answered and nothing is written", async () => {
    expect(await bot.say("张三", WATER, "签收 ZG-2026-003")).toEqual(["ZG-2026-003 不是待签收的交办问题，无需签收。"]);
    expect(await bot.say("李四", "百胜镇群", "签收 DB-2026-001")).toEqual(["DB-2026-001 属于区水利局，本群无权报送"]);
    expect(await events("DB-2026-001", "ACKNOWLEDGED")).toHaveLength(0);
    expect((await bot.say("张三", WATER, "查询 DB-2026-001"))[0]).toContain("交办日期：12月1日（未签收）");
  });
});

describe("自查", () => {
  it("from the unit's group: a new issue of that unit, source 自查, due in DUBAN_SELF_CHECK_DAYS; the admins are told", async () => {
    const replies = await bot.say("张三", WATER, "自查 厂区雨污管网混接");
    expect(replies).toEqual([
      "已登记自查问题 DB-2026-001，整改时限12月31日。整改中请报送进度：进度 DB-2026-001 <说明>",
      "【自查】区水利局 张三 登记自查问题 DB-2026-001：厂区雨污管网混接，整改时限12月31日。",
    ]);
    expect(bot.sent.at(-1)!.to).toBe("@王科长");
    const unit = await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } });
    expect(await issue("DB-2026-001")).toMatchObject({ unitId: unit.id, source: "自查", deadline: "2026-12-31", ackPending: false, state: "NOT_STARTED" });
    expect(await events("DB-2026-001")).toEqual([expect.objectContaining({ type: "SELF_FOUND", actorId: "张三", roomId: `${WATER}@chatroom` })]);
  });

  it("with a date, and privately from a member of one unit", async () => {
    await bot.say("张三", WATER, "大家好");
    expect((await bot.say("张三", null, "自查 12月20日 排污口标识缺失"))[0]).toMatch(/^已登记区水利局自查问题 DB-2026-001，整改时限12月20日/);
    expect((await issue("DB-2026-001"))!.deadline).toBe("2026-12-20");
  });

  it("is refused in the leaders' group and from someone with no unit", async () => {
    expect(await bot.say("周副区长", "领导群", "自查 排污口标识缺失")).toEqual(["自查问题请在本单位工作群登记"]);
    expect(await bot.say("路人", null, "自查 排污口标识缺失")).toEqual(["您尚未加入已绑定的单位工作群，请在单位工作群登记自查问题"]);
    // Staff who sit in a unit's group still speak for no unit in private: theirs is 交办.
    await bot.say("王科长", WATER, "大家好");
    expect((await bot.say("王科长", null, "自查 排污口标识缺失"))[0]).toContain("交办 <单位名> <日期> <问题描述>");
    expect(await bot.app.store.issue.count({ where: { source: "自查" } })).toBe(0);
  });
});

describe("驳回延期", () => {
  it("refuses the pending request with the reason, and the unit is told", async () => {
    await bot.say("张三", WATER, "延期 ZG-2026-003 12月31日 设备到货推迟");
    const replies = await bot.say("王科长", null, "驳回延期 ZG-2026-003 理由不充分");
    expect(replies).toEqual([
      "已驳回 ZG-2026-003 延期申请（申请延期至12月31日），整改时限仍为12月5日，已告知区水利局。",
      "ZG-2026-003 延期申请未获批准，理由：理由不充分；请按原时限12月5日完成。",
    ]);
    expect(bot.sent.at(-1)!.to).toBe(WATER);
    expect(await events("ZG-2026-003", "EXTENSION_REFUSED")).toEqual([expect.objectContaining({ actorId: "王科长", text: "理由不充分" })]);
    expect((await issue("ZG-2026-003"))!.deadline).toBe("2026-12-05");
    // Refused: nothing pending any more.
    expect(await bot.say("王科长", null, "驳回延期 ZG-2026-003 再次驳回")).toEqual(["ZG-2026-003 没有待审批的延期申请"]);
    expect((await bot.say("王科长", null, "批准延期 ZG-2026-003 12月20日"))[0]).toContain("没有待审批的延期申请");
  });

  it("with no pending request, or from a unit, nothing is written", async () => {
    expect(await bot.say("王科长", null, "驳回延期 ZG-2026-003 不同意")).toEqual(["ZG-2026-003 没有待审批的延期申请"]);
    expect(await bot.say("张三", WATER, "驳回延期 ZG-2026-003 不同意")).toEqual(["只有督查室管理员可以驳回延期"]);
    expect(await bot.say("王科长", null, "驳回延期 ZG-2026-003")).toEqual([expect.stringContaining("缺少驳回理由")]);
    expect(await events("ZG-2026-003", "EXTENSION_REFUSED")).toHaveLength(0);
  });
});

describe("sources filter 清单 and 逾期", () => {
  it("逾期 <来源> by its usual names", async () => {
    expect(await bot.say("王科长", null, "逾期 中央环保督察")).toEqual([
      "逾期问题（来源：中央环保督察） 1 个：\n1. ZG-2026-001 榨菜加工企业腌制废水未经处理直…｜百胜镇人民政府｜逾期11天",
    ]);
    expect((await bot.say("王科长", null, "逾期 中央督察"))[0]).toContain("ZG-2026-001");
    expect((await bot.say("王科长", null, "逾期 中办回访"))[0]).toContain("ZG-2026-007");
    expect(await bot.say("王科长", null, "逾期 群众投诉")).toEqual(["目前没有逾期问题（来源：群众投诉）。"]);
    expect(await bot.say("李四", "百胜镇群", "逾期 暗访")).toEqual(["百胜镇人民政府目前没有逾期问题（来源：暗访）。"]);
  });

  it("清单 <来源> in a unit's group, 清单 <单位> <来源> and 清单 <来源> for leaders; a unit name wins", async () => {
    expect((await bot.say("张三", WATER, "清单 区环保局通报"))[0]).toMatch(/^区水利局未销号问题（来源：区环保局通报） 1 个：\n1\. ZG-2026-003/);
    expect(await bot.say("张三", WATER, "清单 暗访")).toEqual(["区水利局暂无未销号问题（来源：暗访）。"]);
    expect((await bot.say("张三", WATER, "清单 区水利局"))[0]).toMatch(/^区水利局未销号问题 1 个/);
    expect((await bot.say("周副区长", "领导群", "清单 区住房城乡建委 中央环保督察"))[0]).toMatch(/^区住房城乡建委未销号问题（来源：中央环保督察） 1 个：\n1\. ZG-2026-002/);
    const [all] = await bot.say("周副区长", "领导群", "清单 暗访");
    expect(all).toContain("ZG-2026-004 长江岸线堆放建筑垃圾｜李渡街道办事处｜剩9天");
    expect(all).toContain("ZG-2026-009");
    expect(await bot.say("周副区长", "领导群", "清单 区水力局")).toEqual(["未找到单位“区水力局”。您要找的是不是：区水利局？"]);
    expect(await bot.say("张三", WATER, "清单 百胜镇人民政府")).toEqual([expect.stringContaining("只能查看本单位的清单")]);
    await bot.app.store.unit.create({ data: { name: "区水利局 河长办" } });
    expect(await bot.say("周副区长", "领导群", "清单 区水利局 河长办")).toEqual(["区水利局 河长办暂无未销号问题。"]);
  });
});

describe("long-term issues (长期坚持)", () => {
  it("are listed apart in 清单, shown as such in 查询, and never overdue", async () => {
    await bot.say("王科长", null, "交办 区水利局 长期坚持 落实河长制巡河");
    const [list] = await bot.say("张三", WATER, "清单");
    expect(list).toContain("1. ZG-2026-003 乡镇污水处理站运行不正常出水超标｜剩4天\n长期坚持：\n2. DB-2026-001 落实河长制巡河｜长期坚持");
    const [card] = await bot.say("张三", WATER, "查询 DB-2026-001");
    expect(card).toContain("整改时限：长期坚持\n");
    expect(await bot.say("张三", WATER, "逾期")).toEqual(["区水利局目前没有逾期问题。"]);
    // No days left to tell, and not the same word twice.
    expect(await bot.say("张三", WATER, "进度 DB-2026-001 巡河一次")).toEqual(["已记录 DB-2026-001 进度。整改时限长期坚持。"]);
  });
});
