import { writeFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { TestBot } from "../support/test-app.ts";

// Findings of the hostile test run (issue 7), each reproduced through the real pipeline.
let bot: TestBot;
beforeEach(async () => {
  bot = await TestBot.create();
  await bot.importSample();
  await bot.bindDefaults();
});
afterEach(async () => bot.close());

const WATER = "区水利局工作群";
const FAILED = /系统出了点问题/;
const issue = (code: string) => bot.app.store.issue.findUniqueOrThrow({ where: { code }, include: { unit: true } });
const events = (code: string, type?: string) =>
  bot.app.store.issueEvent.findMany({ where: { issue: { code }, ...(type ? { type } : {}) }, orderBy: { id: "asc" } });

async function importCsv(lines: string[]) {
  const file = path.join(bot.dir, `l${Date.now()}.csv`);
  writeFileSync(file, lines.join("\n"));
  return importLedgerFile(bot.app.store, file, bot.app.time, { actor: "test", now: bot.clock.now() });
}

describe("one identity for names and codes in ledger and chat", () => {
  const MARKS = ["\u200b", "\u200f", "\u202e", "\u2060", "\u00ad", "\ufeff", "\u2064", "\u202a"];

  it("a ledger unit with an invisible mark is the unit chat names, and reaches its group", async () => {
    const r = await importCsv(["编号,问题描述,责任单位,整改时限", "ZG-2026-101,河道垃圾,区水利局\u200b,2026-12-20", "ZG-2026-102,排口,\u202e区水\u00ad利局,2026-12-21"]);
    expect(r).toMatchObject({ ok: true, unitsCreated: 0 });
    expect((await issue("ZG-2026-101")).unit.name).toBe("区水利局");
    expect((await issue("ZG-2026-102")).unit.name).toBe("区水利局");
    expect((await bot.say("张三", WATER, "清单"))[0]).toContain("ZG-2026-101");
  });

  it("a new ledger unit is stored without its marks, so 绑定 reaches it", async () => {
    await importCsv(["编号,问题描述,责任单位,整改时限", "ZG-2026-103,x,区\u200b林业局\u2060,2026-12-20"]);
    expect(await bot.app.store.unit.count({ where: { name: "区林业局" } })).toBe(1);
    expect((await bot.say("王科长", "林业群", "绑定 区林业局"))[0]).toContain("现有未销号问题 1 个");
    expect((await bot.say("王科长", "林业群2", "绑定 区林\u200d业局\u200e"))[0]).toContain("本群已绑定为“区林业局”工作群");
  });

  it("a unit stored with a mark before this fix gives way: a re-import moves its issue to the unit chat reaches", async () => {
    const broken = await bot.app.store.unit.create({ data: { name: "区水利局\u200b" } });
    const water = await bot.app.store.unit.findUniqueOrThrow({ where: { name: "区水利局" } });
    await bot.app.store.issue.update({ where: { code: "ZG-2026-003" }, data: { unitId: broken.id } });
    await importCsv(["编号,问题描述,责任单位,整改时限", "ZG-2026-003,乡镇污水处理站运行不正常出水超标,区水利局\u200b,2026-12-05"]);
    expect((await issue("ZG-2026-003")).unitId).toBe(water.id);
    expect((await bot.say("王科长", "水利二群", "绑定 区水利局\u200b"))[0]).toContain("本群已绑定为“区水利局”工作群");
  });

  it("a state label with a mark in it is read", async () => {
    expect(await importCsv(["编号,问题描述,责任单位,整改时限,整改状态", "ZG-2026-105,x,区水利局,2026-12-20,整改中\u200b"])).toMatchObject({ ok: true });
    expect((await issue("ZG-2026-105")).state).toBe("IN_PROGRESS");
  });

  it("a code in the ledger with a mark in it is the code chat uses", async () => {
    await importCsv(["编号,问题描述,责任单位,整改时限", "ZG-2026\u200b-104\u00ad,x,区水利局,2026-12-20"]);
    expect((await bot.say("张三", WATER, "进度 ZG-2026-104 开工"))[0]).toContain("已记录 ZG-2026-104 进度");
  });

  it.each(MARKS)("a report with %j before and inside the code is read", async (mark) => {
    const replies = await bot.say("张三", WATER, `${mark}ZG-2026${mark}-003${mark} 已开工，完成30%`);
    expect(replies[0]).toContain("已记录 ZG-2026-003 进度（30%）");
    expect((await issue("ZG-2026-003")).state).toBe("IN_PROGRESS");
  });

  it("a command word with a mark inside it is still the command", async () => {
    expect((await bot.say("张三", WATER, "进\u200b度 ZG-2026-003 开工"))[0]).toContain("已记录 ZG-2026-003 进度");
  });
});

describe("cut emoji and lone surrogates are never a system error", () => {
  it("a 20-character cut through an emoji", async () => {
    const [reply] = await bot.say("张三", WATER, "查询 一二三四五六七八九十一二三四五六七八九😀");
    expect(reply).not.toMatch(FAILED);
    expect(reply).toContain("一二三四五六七八九十一二三四五六七八九😀");
  });

  it.each(["进度 ZG-2026-003 开工\ud83d了", "ZG-2026-003 \ude00已完成", "查询 \ud83d", "延期 ZG-2026-003 12月20日 设备\udbff未到"])("%j", async (text) => {
    const replies = await bot.say("张三", WATER, text);
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r).not.toMatch(FAILED);
  });

  it("a lone surrogate in the sender's name or the group's name", async () => {
    const msg = bot.message("王科长", "新群", "帮助", { sender: { id: "王科长", name: "王\ud83d", alias: "王科长" }, room: { id: "new@chatroom", topic: "区水利局\udc00群" } });
    expect(await bot.deliver(msg)).toEqual([expect.stringContaining("督办助手可用命令")]);
  });
});

describe("批准延期 never shortens a deadline", () => {
  it("an earlier or equal date is refused and changes nothing", async () => {
    expect(await bot.say("王科长", null, "批准延期 ZG-2026-003 2026-12-03")).toEqual(["延期只能推后时限：12月3日早于ZG-2026-003现整改时限12月5日，未作调整"]);
    expect(await bot.say("王科长", null, "批准延期 ZG-2026-003 2026-12-05")).toEqual(["ZG-2026-003 的整改时限已是12月5日"]);
    expect((await issue("ZG-2026-003")).deadline).toBe("2026-12-05");
    expect(await events("ZG-2026-003", "EXTENSION_APPROVED")).toHaveLength(0);
  });

  it("with no request pending, a later date is the staff's decision and said so", async () => {
    expect(await bot.say("王科长", null, "批准延期 ZG-2026-003 2026-12-20")).toEqual([
      "ZG-2026-003 没有待审批的延期申请；已按督查室决定将整改时限由12月5日调整为12月20日。",
      "督查室已将 ZG-2026-003 整改时限由12月5日调整为12月20日，请按期完成。",
    ]);
    expect((await issue("ZG-2026-003")).deadline).toBe("2026-12-20");
  });

  it("a request answered once is no longer pending", async () => {
    await bot.say("张三", WATER, "延期 ZG-2026-003 12月31日 设备到货推迟");
    expect((await bot.say("王科长", null, "批准延期 ZG-2026-003 2026-12-31"))[1]).toContain("延期已批准");
    expect((await bot.say("王科长", null, "批准延期 ZG-2026-003 2027-01-10"))[0]).toContain("没有待审批的延期申请");
  });
});

describe("回头看 合格 is recorded once", () => {
  it("a second 合格 says it was recorded and adds nothing; after a rebound and a new closing it counts again", async () => {
    const code = "ZG-2026-003";
    await bot.say("张三", WATER, `完成 ${code} 已更换设备`);
    await bot.say("王科长", null, `核实 ${code} 通过`);
    expect(await bot.say("王科长", null, `回头看 ${code} 合格`)).toEqual([`已记录 ${code} 回头看合格。`]);
    expect(await bot.say("王科长", null, `回头看 ${code} 合格 复查无问题`)).toEqual([`${code} 回头看合格已于12月1日记录，无需重复记录。`]);
    expect(await events(code, "REVIEW_OK")).toHaveLength(1);
    await bot.say("王科长", null, `回头看 ${code} 反弹 又有污水`);
    await bot.say("张三", WATER, `完成 ${code} 再次整改`);
    await bot.say("王科长", null, `核实 ${code} 通过`);
    expect(await bot.say("王科长", null, `回头看 ${code} 合格`)).toEqual([`已记录 ${code} 回头看合格。`]);
    expect(await events(code, "REVIEW_OK")).toHaveLength(2);
  });
});

describe("dates in a sane window", () => {
  it.each([
    ["延期 ZG-2026-003 2201-01-01 设备未到", "张三", WATER],
    ["延期 ZG-2026-003 2099-12-31 设备未到", "张三", WATER],
    ["批准延期 ZG-2026-003 2199-01-01", "王科长", null],
    ["批准延期 ZG-2026-003 1900-01-01", "王科长", null],
  ])("%s is out of range, not misspelt", async (text, who, room) => {
    const [reply] = await bot.say(who, room, text);
    expect(reply).toMatch(/^日期超出范围：.*不在2000年1月1日至2036年12月1日之间，请核对年份$/);
    expect((await issue("ZG-2026-003")).deadline).toBe("2026-12-05");
  });

  it("ten years on is still accepted; a 2月29日 in a common year is no date", async () => {
    expect((await bot.say("张三", WATER, "延期 ZG-2026-003 2036-12-01 工程量大"))[0]).toContain("已提交 ZG-2026-003 延期申请");
    expect((await bot.say("张三", WATER, "延期 ZG-2026-003 2027-02-29 理由"))[0]).toContain("日期“2027-02-29”无效");
  });
});

describe("smaller chat findings", () => {
  it("an admin's 帮助 in a unit group does not offer 统计; in private it does", async () => {
    const [inGroup] = await bot.say("王科长", WATER, "帮助");
    expect(inGroup).not.toContain("统计");
    expect(inGroup).toContain("核实 <编号>");
    expect((await bot.say("王科长", null, "帮助"))[0]).toContain("统计：即时日报");
  });

  it("a redelivered message is ignored quietly: nothing at error level, one reply", async () => {
    const lines: string[] = [];
    const quiet = await TestBot.create({}, undefined, pino({ level: "info" }, { write: (line: string) => void lines.push(line) }));
    try {
      await quiet.importSample();
      await quiet.bindDefaults();
      for (const text of ["进度 ZG-2026-003 开工", "查询 ZG-2026-999", "批准延期 ZG-2026-003 2026-12-31"]) {
        const msg = quiet.message(text.startsWith("批准") ? "王科长" : "张三", WATER, text);
        expect(await quiet.deliver(msg)).toHaveLength(1);
        expect(await quiet.deliver(msg)).toEqual([]);
      }
      const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(logged.filter((l) => l.level >= 50)).toEqual([]);
      expect(logged.filter((l) => l.msg === "duplicate delivery ignored")).toHaveLength(3);
      expect(await quiet.app.store.issueEvent.count({ where: { type: "PROGRESS" } })).toBe(1);
    } finally {
      await quiet.close();
    }
  });
});

describe("names and deadlines capped at input", () => {
  const HEAD = "编号,问题描述,责任单位,整改时限";

  it("a ledger deadline outside the window is a row-numbered error, and nothing is imported", async () => {
    const r = await importCsv([HEAD, "ZG-2026-201,a,区水利局,1900-01-01", "ZG-2026-202,b,区水利局,2199-12-31", "ZG-2026-203,c,区水利局,2036-12-01"]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 2, reason: "整改时限“1900-01-01”超出范围，应在2000年1月1日至2036年12月1日之间" },
        { row: 3, reason: "整改时限“2199-12-31”超出范围，应在2000年1月1日至2036年12月1日之间" },
      ],
    });
    expect(await bot.app.store.issue.count()).toBe(10);
  });

  it("a 5,000-character unit name is refused in a ledger and in 绑定; a long 清单 name is not echoed whole", async () => {
    const long = "很长的单位名".repeat(834);
    const r = await importCsv([HEAD, `ZG-2026-204,a,${long},2026-12-31`, `ZG-2026-205,a,${"区".repeat(50)},2026-12-31`]);
    expect(r).toEqual({ ok: false, errors: [{ row: 2, reason: "责任单位名称过长（5004字），最多50字" }] });
    expect(await bot.say("王科长", "新群", `绑定 ${long.slice(0, 1900)}`)).toEqual(["单位名太长（1900字），最多50字，请核对后重发"]);
    const [reply, ...more] = await bot.say("王科长", null, `清单 ${long.slice(0, 1900)}`);
    expect(more).toEqual([]);
    expect([...reply!].length).toBeLessThan(120);
  });
});
