import { writeFileSync } from "node:fs";
import path from "node:path";
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
