import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestBot } from "../support/test-app.ts";

// The sample ledger's 责任领导: 周副区长 (ZG-2026-001 due 11月20日, 004, 008 待核实, 009),
// 陈副区长 (002, 003 due 12月5日, 006), 李副区长 (005, 007 due 11月25日, 010 已销号).
// Imported on 12月1日 and never reported on, by 12月8日 every issue is red or stale (yellow).
let bot: TestBot;
beforeEach(async () => {
  bot = await TestBot.create({ DUBAN_LEADER_CONTACTS: "周副区长=zhou" });
  await bot.importSample();
  await bot.bindDefaults();
  bot.clock.set(new Date("2026-12-08T10:00:00+08:00"));
});
afterEach(async () => bot.close());

const WATER = "区水利局工作群";
const ZHOU = [
  "周副区长 分管问题 3 个（红灯 1，黄灯 2，蓝灯 0，绿灯 0）：",
  "红灯：",
  "1. ZG-2026-001 百胜镇人民政府 榨菜加工企业腌制废水未经处理直…｜逾期18天",
  "黄灯：",
  "2. ZG-2026-009 江北街道办事处 江北街道畜禽养殖场粪污直排｜尚未报送进度",
  "3. ZG-2026-004 李渡街道办事处 长江岸线堆放建筑垃圾｜尚未报送进度",
  "另有待核实 1 个：",
  "4. ZG-2026-008 区住房城乡建委 夜间施工噪声扰民",
].join("\n");

describe("清单 <责任领导>", () => {
  it("a leader named in DUBAN_LEADER_CONTACTS with nothing open is told so, not refused", async () => {
    await bot.close();
    bot = await TestBot.create({ DUBAN_LEADER_CONTACTS: "周副区长=zhou,吴副区长=wu" });
    await bot.importSample();
    await bot.bindDefaults();
    expect(await bot.say("王科长", null, "清单 吴副区长")).toEqual(["吴副区长 暂无未销号的分管问题。"]);
    expect((await bot.say("王科长", null, "清单 何副区长"))[0]).toContain("未找到单位、来源或责任领导“何副区长”");
  });

  it("in the leaders' group lists that leader's issues by light, red first, those awaiting verification apart", async () => {
    expect(await bot.say("周副区长", "领导群", "清单 周副区长")).toEqual([ZHOU]);
  });

  it("privately from an admin (an issue reported on is green again) and from the leader's mapped contact", async () => {
    await bot.say("张三", WATER, "进度 ZG-2026-003 设备已到货 90%");
    await bot.say("王科长", null, "进度 ZG-2026-006 方案已批复 30%");
    expect(await bot.say("王科长", null, "清单 陈副区长")).toEqual([
      [
        "陈副区长 分管问题 3 个（红灯 1，黄灯 1，蓝灯 0，绿灯 1）：",
        "红灯：",
        "1. ZG-2026-003 区水利局 乡镇污水处理站运行不正常出水超标｜逾期3天",
        "黄灯：",
        "2. ZG-2026-002 区住房城乡建委 城区污水处理厂配套管网雨污混流｜尚未报送进度",
        "绿灯：",
        "3. ZG-2026-006 区城市管理局 餐厨垃圾处置设施能力不足｜剩113天",
      ].join("\n"),
    ]);
    expect(await bot.say("zhou", null, "清单 周副区长")).toEqual([ZHOU]);
    expect(await bot.say("路人", null, "清单 周副区长")).toEqual(["只能查看本单位的清单，请直接发送“清单”，或“清单 <来源>”，如：清单 暗访"]);
  });

  it("finds a leader named among several in the 责任领导 column", async () => {
    await bot.app.store.issue.update({ where: { code: "ZG-2026-005" }, data: { leader: "李副区长、王主任" } });
    expect((await bot.say("王科长", null, "清单 王主任"))[0]).toBe(
      ["王主任 分管问题 1 个（红灯 0，黄灯 1，蓝灯 0，绿灯 0）：", "黄灯：", "1. ZG-2026-005 白涛化工园区管委会 化工园区异味扰民多次投诉｜尚未报送进度"].join("\n"),
    );
  });

  it("is refused in a unit's group, where only that unit's list is shown", async () => {
    expect(await bot.say("张三", WATER, "清单 周副区长")).toEqual(["只能查看本单位的清单，请直接发送“清单”，或“清单 <来源>”，如：清单 暗访"]);
    expect(await bot.say("王科长", WATER, "清单 周副区长")).toEqual(["只能查看本单位的清单，请直接发送“清单”，或“清单 <来源>”，如：清单 暗访"]);
  });

  it("a unit name and a source win over a leader; a word that is none of them is refused", async () => {
    await bot.app.store.issue.update({ where: { code: "ZG-2026-005" }, data: { leader: "暗访组" } });
    expect((await bot.say("王科长", null, "清单 暗访"))[0]).toMatch(/^未销号问题（来源：暗访） 2 个/);
    expect((await bot.say("王科长", null, "清单 区水利局"))[0]).toMatch(/^区水利局未销号问题 1 个/);
    expect(await bot.say("王科长", null, "清单 钱副区长")).toEqual(["未找到单位、来源或责任领导“钱副区长”，请核对后重发"]);
    expect(await bot.say("王科长", null, "清单 区水力局")).toEqual(["未找到单位“区水力局”。您要找的是不是：区水利局？"]);
  });

  it("caps a long list and counts the rest", async () => {
    const unitId = (await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } })).id;
    await bot.app.store.issue.createMany({
      data: Array.from({ length: 40 }, (_, n) => ({ code: `X-${String(n + 1).padStart(2, "0")}`, description: "河道垃圾", unitId, deadline: "2026-11-30", leader: "周副区长" })),
    });
    const [list] = await bot.say("周副区长", "领导群", "清单 周副区长");
    const lines = list!.split("\n");
    expect(lines[0]).toBe("周副区长 分管问题 43 个（红灯 41，黄灯 2，蓝灯 0，绿灯 0）：");
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(31); // 30 lit, 1 awaiting verification
    expect(lines[2]).toBe("1. ZG-2026-001 百胜镇人民政府 榨菜加工企业腌制废水未经处理直…｜逾期18天");
    expect(lines).toContain("……另有 13 个，详见台账");
  });
});

describe("清单 红灯 / 黄灯 / 蓝灯 / 绿灯", () => {
  it("leaders see every unit's issues of that light, by unit, with why", async () => {
    expect(await bot.say("周副区长", "领导群", "清单 红灯")).toEqual([
      [
        "红灯问题 3 个（3 个单位）：",
        "区水利局 1 个：",
        "1. ZG-2026-003 乡镇污水处理站运行不正常出水超标｜逾期3天",
        "区规划自然资源局 1 个：",
        "2. ZG-2026-007 黑名单企业原址土壤污染未治理｜逾期13天",
        "百胜镇人民政府 1 个：",
        "3. ZG-2026-001 榨菜加工企业腌制废水未经处理直…｜逾期18天",
      ].join("\n"),
    ]);
    const [yellow] = await bot.say("王科长", null, "清单 黄灯");
    expect(yellow).toMatch(/^黄灯问题 5 个（5 个单位）：\n/);
    expect(yellow).toContain("区住房城乡建委 1 个：\n1. ZG-2026-002 城区污水处理厂配套管网雨污混流｜尚未报送进度");
    expect(await bot.say("王科长", null, "清单 蓝灯")).toEqual(["目前没有蓝灯问题。"]);
  });

  it("a unit's group sees its own issues of that light", async () => {
    expect(await bot.say("张三", WATER, "清单 红灯")).toEqual([
      ["区水利局红灯问题 1 个：", "1. ZG-2026-003 乡镇污水处理站运行不正常出水超标｜逾期3天", "报进度：进度 <编号> <说明>；报完成：完成 <编号> <说明>"].join("\n"),
    ]);
    expect(await bot.say("张三", WATER, "清单 黄灯")).toEqual(["区水利局目前没有黄灯问题。"]);
  });

  it("a blue issue says when it is due; a long list is capped with the rest counted", async () => {
    bot.clock.set(new Date("2026-12-03T10:00:00+08:00"));
    expect(await bot.say("王科长", "领导群", "清单 蓝灯")).toEqual([["蓝灯问题 1 个（1 个单位）：", "区水利局 1 个：", "1. ZG-2026-003 乡镇污水处理站运行不正常出水超标｜12月5日到期"].join("\n")]);
    bot.clock.set(new Date("2026-12-08T10:00:00+08:00"));
    const unitId = (await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } })).id;
    await bot.app.store.issue.createMany({ data: Array.from({ length: 35 }, (_, n) => ({ code: `X-${String(n + 1).padStart(2, "0")}`, description: "河道垃圾", unitId, deadline: "2026-11-30" })) });
    const lines = (await bot.say("王科长", null, "清单 红灯"))[0]!.split("\n");
    expect(lines.slice(0, 3)).toEqual(["红灯问题 38 个（3 个单位）：", "区水利局 36 个：", "1. X-01 河道垃圾｜逾期8天"]);
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(30);
    expect(lines.at(-1)).toBe("……另有 8 个，发送“清单 <单位名>”查看单位全部问题");
  });
});
