import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportLedger } from "../../src/ledger/export-ledger.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { SAMPLE_LEDGER, TestBot } from "../support/test-app.ts";

let bot: TestBot;
beforeEach(async () => {
  bot = await TestBot.create();
  await bot.importSample();
  await bot.bindDefaults();
});
afterEach(async () => bot.close());

// ZG-2026-003 is 区水利局's, due 2026-12-05, 未开始; the clock starts on 2026-12-01.
const WATER = "区水利局工作群";
const issue = (code: string) => bot.app.store.issue.findUniqueOrThrow({ where: { code } });
const events = (code: string, type: string) => bot.app.store.issueEvent.findMany({ where: { issue: { code }, type }, orderBy: { id: "asc" } });
const steps = async (code: string) =>
  (await bot.app.store.milestone.findMany({ where: { issue: { code } }, orderBy: { seq: "asc" } })).map((m) => [m.seq, m.due, m.text, m.doneAt !== null, m.note]);

const PLAN = "方案 ZG-2026-003\n12月3日 安装调试\n12月2日 完成设备采购";

describe("方案", () => {
  it("sets the plan in date order, answers with it, and counts as the unit's report; the state stays", async () => {
    bot.clock.set(new Date("2026-12-01T10:00:00+08:00"));
    expect(await bot.say("张三", WATER, PLAN)).toEqual([
      "ZG-2026-003 整改方案已登记，共 2 个节点：\n1. 12月2日 完成设备采购\n2. 12月3日 安装调试\n完成节点后请回复：节点 ZG-2026-003 <序号> 完成",
    ]);
    expect(await steps("ZG-2026-003")).toEqual([
      [1, "2026-12-02", "完成设备采购", false, ""],
      [2, "2026-12-03", "安装调试", false, ""],
    ]);
    expect(await issue("ZG-2026-003")).toMatchObject({ state: "NOT_STARTED", lastReportAt: new Date("2026-12-01T10:00:00+08:00") });
    expect(await events("ZG-2026-003", "PLAN_SET")).toEqual([
      expect.objectContaining({ actorId: "张三", text: "整改节点 （空）→12月2日 完成设备采购；12月3日 安装调试" }),
    ]);
  });

  it("on one line with ；, full-width as a phone types it", async () => {
    const [answer] = await bot.say("张三", WATER, "方案　ＺＧ－２０２６－００３　１２月２日　采购；１２月４日前　安装");
    expect(answer).toMatch(/^ZG-2026-003 整改方案已登记，共 2 个节点：\n1\. 12月2日 采购\n2\. 12月4日 安装\n/);
  });

  it("a new plan replaces the old one: the history keeps both, an unchanged step stays done", async () => {
    await bot.say("张三", WATER, PLAN);
    await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成 设备已到货");
    const [answer] = await bot.say("张三", WATER, "方案 ZG-2026-003 12月2日 完成设备采购；12月4日 安装调试；12月5日 验收");
    expect(answer).toBe(
      "ZG-2026-003 整改方案已更新，替换原方案，共 3 个节点：\n1. 12月2日 完成设备采购（已完成）\n2. 12月4日 安装调试\n3. 12月5日 验收\n完成节点后请回复：节点 ZG-2026-003 <序号> 完成",
    );
    expect(await steps("ZG-2026-003")).toEqual([
      [1, "2026-12-02", "完成设备采购", true, "设备已到货"],
      [2, "2026-12-04", "安装调试", false, ""],
      [3, "2026-12-05", "验收", false, ""],
    ]);
    expect((await events("ZG-2026-003", "PLAN_SET")).map((e) => e.text)).toEqual([
      "整改节点 （空）→12月2日 完成设备采购；12月3日 安装调试",
      "整改节点 12月2日 完成设备采购（已完成）；12月3日 安装调试→12月2日 完成设备采购（已完成）；12月4日 安装调试；12月5日 验收",
    ]);
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003 12月2日 完成设备采购；12月4日 安装调试；12月5日 验收")).toEqual([
      "ZG-2026-003 的整改方案与已登记的相同，未作修改。",
    ]);
  });

  it("refuses every step after the deadline, advises 延期, and writes nothing", async () => {
    await bot.say("张三", WATER, PLAN);
    const before = await issue("ZG-2026-003");
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003\n12月2日 采购\n12月8日 安装\n2027-01-10 验收")).toEqual([
      "整改方案未登记：\n节点“12月8日 安装”晚于整改时限（12月5日）\n节点“2027年1月10日 验收”晚于整改时限（12月5日）\n节点须在整改时限之前；确需推迟的，请先申请延期：延期 ZG-2026-003 <日期> <理由>",
    ]);
    expect(await steps("ZG-2026-003")).toEqual([
      [1, "2026-12-02", "完成设备采购", false, ""],
      [2, "2026-12-03", "安装调试", false, ""],
    ]);
    expect(await events("ZG-2026-003", "PLAN_SET")).toHaveLength(1);
    expect((await issue("ZG-2026-003")).lastReportAt).toEqual(before.lastReportAt);
  });

  it("warns of a step already past and not done, which would light the issue yellow; all done, asks for no more", async () => {
    bot.clock.set(new Date("2026-12-01T10:00:00+08:00"));
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003 11月28日 排查；12月3日 安装调试")).toEqual([
      "ZG-2026-003 整改方案已登记，共 2 个节点：\n1. 11月28日 排查\n2. 12月3日 安装调试\n注意：节点1日期已过，如已完成请回复“节点 ZG-2026-003 1 完成”，否则将亮黄灯。\n完成节点后请回复：节点 ZG-2026-003 <序号> 完成",
    ]);
    await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成");
    await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成");
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003 11月28日 排查；12月3日 安装调试；12月4日 验收")).toEqual([
      "ZG-2026-003 整改方案已更新，替换原方案，共 3 个节点：\n1. 11月28日 排查（已完成）\n2. 12月3日 安装调试（已完成）\n3. 12月4日 验收\n完成节点后请回复：节点 ZG-2026-003 <序号> 完成",
    ]);
  });

  it("answers a step without a date or text with the usage line", async () => {
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003 采购设备；12月3日")).toEqual([
      "格式不对：“采购设备”缺少日期；“12月3日”缺少节点内容。\n用法：方案 <编号>，其后每行一个节点“<日期> <节点内容>”，或在一行内用“；”分隔，例如：方案 ZG-2026-003 12月10日 完成设备采购；12月20日 安装调试",
    ]);
    expect(await bot.say("张三", WATER, "方案 ZG-2026-003")).toEqual([expect.stringMatching(/^格式不对：缺少整改节点。\n用法：方案 /)]);
    expect(await steps("ZG-2026-003")).toEqual([]);
  });

  it("is the 签收 of an assignment", async () => {
    await bot.say("王科长", null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
    bot.clock.set(new Date("2026-12-02T09:30:00+08:00"));
    await bot.say("张三", WATER, "方案 DB-2026-001 12月10日 清运；12月20日 设置围挡");
    expect(await issue("DB-2026-001")).toMatchObject({
      state: "NOT_STARTED",
      ackPending: false,
      acknowledgedAt: new Date("2026-12-02T09:30:00+08:00"),
      lastReportAt: new Date("2026-12-02T09:30:00+08:00"),
    });
  });

  it("a long-term issue takes any date; without a year, the next one", async () => {
    await bot.say("王科长", null, "交办 区水利局 长期坚持 落实河长制巡河");
    const [answer] = await bot.say("张三", WATER, "方案 DB-2026-001 11月30日 年度总结；2027年6月30日 半年评估；12月15日 巡河");
    expect(answer).toContain("共 3 个节点：\n1. 12月15日 巡河\n2. 2027年6月30日 半年评估\n3. 2027年11月30日 年度总结\n");
  });

  it("is refused to another unit, and on an issue awaiting verification or closed", async () => {
    expect(await bot.say("李四", "百胜镇群", PLAN)).toEqual(["ZG-2026-003 属于区水利局，本群无权报送"]);
    await bot.say("王科长", "区住房城乡建委", "绑定 区住房城乡建委");
    expect(await bot.say("赵六", "区住房城乡建委", "方案 ZG-2026-008 12月1日 复测")).toEqual(["ZG-2026-008 已报完成，正在等待督查室核实，不能再制定整改方案"]);
    await bot.say("王科长", "区经济信息委", "绑定 区经济信息委");
    expect(await bot.say("赵六", "区经济信息委", "方案 ZG-2026-010 10月1日 停建")).toEqual(["ZG-2026-010 已销号，不能再制定整改方案"]);
    expect(await bot.app.store.milestone.count()).toBe(0);
  });

  it("delivered twice is recorded once and answered once", async () => {
    const msg = bot.message("张三", WATER, PLAN);
    expect(await bot.deliver(msg)).toHaveLength(1);
    expect(await bot.deliver(msg)).toEqual([]);
    expect(await events("ZG-2026-003", "PLAN_SET")).toHaveLength(1);
    expect(await steps("ZG-2026-003")).toHaveLength(2);
  });
});

describe("节点 … 完成", () => {
  beforeEach(async () => {
    await bot.say("张三", WATER, "方案 ZG-2026-003 12月2日 完成设备采购；12月3日 安装调试；12月5日 验收");
  });

  it("marks the step done: a progress report that moves 未开始 to 整改中", async () => {
    bot.clock.set(new Date("2026-12-03T16:00:00+08:00"));
    expect(await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成 已试运行")).toEqual(["已记录：ZG-2026-003 节点2“安装调试”已完成（共 3 个节点，已完成 1 个）。"]);
    expect(await steps("ZG-2026-003")).toEqual([
      [1, "2026-12-02", "完成设备采购", false, ""],
      [2, "2026-12-03", "安装调试", true, "已试运行"],
      [3, "2026-12-05", "验收", false, ""],
    ]);
    expect(await issue("ZG-2026-003")).toMatchObject({
      state: "IN_PROGRESS",
      lastReportAt: new Date("2026-12-03T16:00:00+08:00"),
      lastReportText: "节点2“安装调试”已完成：已试运行",
    });
    expect(await events("ZG-2026-003", "MILESTONE_DONE")).toEqual([
      expect.objectContaining({ fromState: "NOT_STARTED", toState: "IN_PROGRESS", text: "节点2“安装调试”已完成：已试运行" }),
    ]);
  });

  it("late is fine; the last one done says to report completion", async () => {
    bot.clock.set(new Date("2026-12-05T09:00:00+08:00"));
    await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成");
    await bot.say("张三", WATER, "节点 ZG-2026-003 3 已完成");
    expect(await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成")).toEqual([
      "已记录：ZG-2026-003 节点2“安装调试”已完成（共 3 个节点，已完成 3 个）。\n全部节点已完成，整改完成后请回复：完成 ZG-2026-003 <说明>",
    ]);
  });

  it("clears a pending 签收", async () => {
    await bot.say("王科长", null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
    await bot.app.store.milestone.create({ data: { issue: { connect: { code: "DB-2026-001" } }, seq: 1, due: "2026-12-10", text: "清运" } });
    await bot.say("张三", WATER, "节点 DB-2026-001 1 完成");
    expect(await issue("DB-2026-001")).toMatchObject({ ackPending: false, state: "IN_PROGRESS" });
  });

  it("refuses: no plan, no such step, a step already done, another unit, a closed issue", async () => {
    expect(await bot.say("张三", WATER, "节点 ZG-2026-003 5 完成")).toEqual(["ZG-2026-003 共 3 个节点，没有节点5"]);
    bot.clock.set(new Date("2026-12-02T11:20:00+08:00"));
    await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成");
    expect(await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成")).toEqual(["ZG-2026-003 节点1“完成设备采购”已于12-02 11:20完成，无需重复报送。"]);
    expect(await bot.say("李四", "百胜镇群", "节点 ZG-2026-003 2 完成")).toEqual(["ZG-2026-003 属于区水利局，本群无权报送"]);
    expect(await bot.say("李四", "百胜镇群", "节点 ZG-2026-001 1 完成")).toEqual(["ZG-2026-001 尚未制定整改方案，请先发送：方案 ZG-2026-001 <日期> <节点内容>"]);
    await bot.say("张三", WATER, "完成 ZG-2026-003 设备已更换");
    expect(await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成")).toEqual(["ZG-2026-003 已报完成，正在等待督查室核实，不能再报送节点完成"]);
    expect(await events("ZG-2026-003", "MILESTONE_DONE")).toHaveLength(1);
  });

  it("delivered twice is recorded once", async () => {
    const msg = bot.message("张三", WATER, "节点 ZG-2026-003 1 完成");
    expect(await bot.deliver(msg)).toHaveLength(1);
    expect(await bot.deliver(msg)).toEqual([]);
    expect(await events("ZG-2026-003", "MILESTONE_DONE")).toHaveLength(1);
  });
});

describe("查询 shows the plan", () => {
  it("each step with its state, and how many are done", async () => {
    await bot.say("张三", WATER, "方案 ZG-2026-003 11月28日 排查；11月29日 完成设备采购；12月3日 安装调试；12月5日 验收");
    await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成");
    bot.clock.set(new Date("2026-12-03T09:00:00+08:00"));
    const [card] = await bot.say("张三", WATER, "查询 ZG-2026-003");
    expect(card).toContain(
      "整改节点（已完成 1/4）：\n1. 11月28日 排查（逾期5天）\n2. 11月29日 完成设备采购 ✔已完成\n3. 12月3日 安装调试（今天到期）\n4. 12月5日 验收（未到期）\n最近进度：",
    );
    expect(card).toContain("节点完成：节点2“完成设备采购”已完成");
  });

  it("a long plan lists the first steps still to do and counts the rest", async () => {
    const many = Array.from({ length: 12 }, (_, i) => `11月${i + 10}日 第${i + 1}步`).join("；");
    await bot.say("张三", WATER, `方案 ZG-2026-003 ${many}`);
    await bot.say("张三", WATER, "节点 ZG-2026-003 1 完成");
    const [card] = await bot.say("张三", WATER, "查询 ZG-2026-003");
    expect(card).toContain("整改节点（已完成 1/12）：\n2. 11月11日 第2步（逾期20天）\n");
    expect(card).toContain("9. 11月18日 第9步（逾期13天）\n另有 4 个节点未列出\n");
    expect(card).not.toContain("第10步");
  });

  it("says nothing of a plan when there is none", async () => {
    expect((await bot.say("张三", WATER, "查询 ZG-2026-003"))[0]).not.toContain("整改节点");
  });
});

describe("the ledger's 整改节点 and chat's 方案 are the same plan", () => {
  it("import, then 方案 in chat, then export: the column shows the chat plan, and reads back unchanged", async () => {
    const [header, ...rows] = readFileSync(SAMPLE_LEDGER, "utf8").trimEnd().split("\n");
    const withPlan = [`${header},整改节点`, ...rows.map((r) => `${r},${r.startsWith("ZG-2026-003,") ? "12月2日 采购设备（已完成）" : ""}`)].join("\n");
    const file = path.join(bot.dir, "with-plan.csv");
    writeFileSync(file, withPlan);
    expect(await importLedgerFile(bot.app.store, file, bot.app.time, { actor: "test", now: bot.clock.now() })).toMatchObject({ ok: true });
    expect(await steps("ZG-2026-003")).toEqual([[1, "2026-12-02", "采购设备", true, ""]]);

    await bot.say("张三", WATER, "方案 ZG-2026-003 12月2日 采购设备；12月4日 安装调试");
    await bot.say("张三", WATER, "节点 ZG-2026-003 2 完成 已试运行");
    const out = path.join(bot.dir, "out.csv");
    await exportLedger(bot.app.store, out, { zonedTime: bot.app.time, now: bot.clock.now() });
    const line = readFileSync(out, "utf8").split(/\r?\n/).find((l) => l.startsWith("ZG-2026-003,"));
    expect(line).toContain("12月2日 采购设备（已完成）；12月4日 安装调试（已完成）");

    const back = await importLedgerFile(bot.app.store, out, bot.app.time, { actor: "test", now: bot.clock.now() });
    expect(back).toMatchObject({ ok: true, updated: 0 });
    expect(await steps("ZG-2026-003")).toEqual([
      [1, "2026-12-02", "采购设备", true, ""],
      [2, "2026-12-04", "安装调试", true, "已试运行"],
    ]);
  });
});
