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

/** A 督办单 as the early-warning job leaves it (setup data: the job is not under test here). */
async function notice(code: string, colour: "RED" | "YELLOW" | "BLUE", year: number, number: number, issuedAt: string, reason: string): Promise<void> {
  const issue = await bot.app.store.issue.findUniqueOrThrow({ where: { code } });
  await bot.app.store.supervisionNotice.create({ data: { issueId: issue.id, colour, year, number, reason, issuedAt: new Date(issuedAt) } });
}

async function sampleRegister(): Promise<void> {
  await notice("ZG-2026-001", "RED", 2025, 9, "2025-12-20T01:00:00Z", "逾期5天");
  await notice("ZG-2026-008", "RED", 2026, 1, "2026-11-20T01:00:00Z", "逾期1天");
  await notice("ZG-2026-007", "RED", 2026, 2, "2026-11-26T01:00:00Z", "逾期1天");
  await notice("ZG-2026-003", "BLUE", 2026, 3, "2026-11-28T01:00:00Z", "12月5日到期");
  await notice("ZG-2026-010", "YELLOW", 2026, 4, "2026-11-29T01:00:00Z", "序时进度 60%，报送 30%，滞后 30 个百分点");
  // 00:30 in Shanghai on 1 December is still 30 November in UTC: the day shown is the zone's.
  await notice("ZG-2026-003", "YELLOW", 2026, 5, "2026-11-30T16:30:00Z", "节点1“设备采购”11月30日到期未完成");
}

const REGISTER = [
  "2026年督办单 5 份（红 2，黄 2，蓝 1）：",
  "督〔2026〕5号 黄 ZG-2026-003 区水利局 12月1日｜节点1“设备采购”11月30日到期未完成",
  "督〔2026〕4号 黄 ZG-2026-010 区经济信息委 11月29日｜序时进度 60%，报送 30%，滞后 30 个百分点（已销号）",
  "督〔2026〕3号 蓝 ZG-2026-003 区水利局 11月28日｜12月5日到期",
  "督〔2026〕2号 红 ZG-2026-007 区规划自然资源局 11月26日｜逾期1天",
  "督〔2026〕1号 红 ZG-2026-008 区住房城乡建委 11月20日｜逾期1天（待核实）",
].join("\n");

describe("督办单: the register", () => {
  it("lists this year's notices newest first, with counts by colour, to an admin privately and in the leaders' group", async () => {
    await sampleRegister();
    expect(await bot.say("王科长", null, "督办单")).toEqual([REGISTER]);
    expect(await bot.say("周副区长", "领导群", "督办单台账")).toEqual([REGISTER]);
  });

  it("a leader seen in the leaders' group may ask privately too", async () => {
    await sampleRegister();
    await bot.say("周副区长", "领导群", "大家好");
    expect(await bot.say("周副区长", null, "督办单")).toEqual([REGISTER]);
  });

  it("filters by colour, by unit, or both", async () => {
    await sampleRegister();
    expect(await bot.say("王科长", null, "督办单 红")).toEqual([
      ["2026年红色督办单 2 份：", "督〔2026〕2号 红 ZG-2026-007 区规划自然资源局 11月26日｜逾期1天", "督〔2026〕1号 红 ZG-2026-008 区住房城乡建委 11月20日｜逾期1天（待核实）"].join("\n"),
    ]);
    expect(await bot.say("王科长", null, "督办单 区水利局")).toEqual([
      [
        "2026年区水利局督办单 2 份（黄 1，蓝 1）：",
        "督〔2026〕5号 黄 ZG-2026-003 区水利局 12月1日｜节点1“设备采购”11月30日到期未完成",
        "督〔2026〕3号 蓝 ZG-2026-003 区水利局 11月28日｜12月5日到期",
      ].join("\n"),
    ]);
    // Unit names are resolved as 清单 resolves them: a near miss is suggested.
    expect((await bot.say("王科长", null, "督办单 区水利局 蓝"))[0]).toMatch(/^2026年区水利局蓝色督办单 1 份：\n督〔2026〕3号 /);
    expect(await bot.say("王科长", null, "督办单 区水利局 红")).toEqual(["2026年尚未向区水利局发出红色督办单。"]);
    expect(await bot.say("王科长", null, "督办单 水利局")).toEqual(["未找到单位“水利局”。您要找的是不是：区水利局？"]);
  });

  it("is refused in a unit's group, even to an admin, and to a unit member privately", async () => {
    await sampleRegister();
    const unitGroup = "单位工作群不发督办单台账；本单位情况请发送“清单”，督办单台账请在领导群或私聊督办助手查看";
    expect(await bot.say("张三", WATER, "督办单")).toEqual([unitGroup]);
    expect(await bot.say("王科长", WATER, "督办单")).toEqual([unitGroup]);
    expect(await bot.say("张三", null, "督办单")).toEqual(["督办单台账仅限领导群和督查室使用"]);
  });

  it("says so when nothing was issued this year; last year's notices are not this year's", async () => {
    await notice("ZG-2026-001", "RED", 2025, 9, "2025-12-20T01:00:00Z", "逾期5天");
    expect(await bot.say("王科长", null, "督办单")).toEqual(["2026年尚未发出督办单。"]);
    expect(await bot.say("王科长", null, "督办单 黄")).toEqual(["2026年尚未发出黄色督办单。"]);
  });

  it("shows 30 lines and counts the rest", async () => {
    const unit = await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } });
    const now = bot.clock.now();
    await bot.app.store.issue.createMany({
      data: Array.from({ length: 32 }, (_, i) => ({ code: `DB-2026-${String(i + 1).padStart(3, "0")}`, description: "x", unitId: unit.id, deadline: "2026-11-30", createdAt: now })),
    });
    for (let i = 1; i <= 32; i++) await notice(`DB-2026-${String(i).padStart(3, "0")}`, "RED", 2026, i, "2026-11-30T02:00:00Z", "逾期1天");
    const [text] = await bot.say("王科长", null, "督办单");
    const lines = text!.split("\n");
    expect(lines).toHaveLength(32);
    expect(lines[0]).toBe("2026年督办单 32 份（红 32）：");
    expect(lines[1]).toBe("督〔2026〕32号 红 DB-2026-032 区水利局 11月30日｜逾期1天");
    expect(lines[30]).toBe("督〔2026〕3号 红 DB-2026-003 区水利局 11月30日｜逾期1天");
    expect(lines[31]).toBe("……另有 2 份，详见导出台账的“督办单”表");
  });

  it("is offered in the help of leaders and admins, not of units", async () => {
    expect((await bot.say("王科长", null, "帮助"))[0]).toContain("督办单 [红/黄/蓝] [单位名]：本年度督办单台账");
    expect((await bot.say("张三", WATER, "帮助"))[0]).not.toContain("督办单");
    expect(await bot.say("王科长", null, "督办单 绿")).toEqual(["格式不对：绿灯不发督办单，颜色可写红、黄、蓝。\n用法：督办单，可加颜色或单位，例如：督办单 红、督办单 区水利局"]);
  });
});
