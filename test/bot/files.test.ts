import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/handlers/inbound-message.ts";
import { fileMessage } from "../../src/outbox/outgoing.ts";
import { importLedgerFile } from "../../src/ledger/import-ledger.ts";
import { enqueue } from "../../src/outbox/enqueue.ts";
import { readZip } from "../support/read-zip.ts";
import { TestBot } from "../support/test-app.ts";

let bot: TestBot;
beforeEach(async () => {
  bot = await TestBot.create({ DUBAN_MAX_ATTACHMENT_MB: "1" });
  await bot.importSample();
  await bot.bindDefaults();
});
afterEach(async () => bot.close());

const WATER = "区水利局工作群";
const ADMIN = "王科长";
const pdf = (content: string) => ({ kind: "file" as const, fileName: "整改报告.pdf", read: async () => Buffer.from(content) });
const photo = (content: string) => ({ kind: "image" as const, fileName: "site.jpg", read: async () => Buffer.from(content) });
const send = (sender: string, room: string | null, attachment: InboundMessage["attachment"]) => bot.deliver(bot.message(sender, room, "", { attachment }));

describe("file messages through the outbox", () => {
  it("are sent whole as files, listed as [文件] / [图片]", async () => {
    const file = path.join(bot.dir, "报告.pdf");
    writeFileSync(file, "x".repeat(5000));
    const to = { kind: "contact" as const, id: ADMIN, name: ADMIN };
    await enqueue(
      bot.app.store,
      [
        { key: "f1", ...fileMessage(to, { kind: "file", path: file, name: "报告.pdf" }) },
        { key: "f2", ...fileMessage(to, { kind: "image", path: file, name: "现场.png" }) },
      ],
      bot.clock.now(),
      200,
    );
    const before = bot.sent.length;
    await bot.flush();
    expect(bot.sent.slice(before).map((s) => [s.to, s.text, s.file?.kind, s.file?.data.length])).toEqual([
      ["@王科长", "[文件] 报告.pdf", "file", 5000],
      ["@王科长", "[图片] 现场.png", "image", 5000],
    ]);
    expect(await bot.app.store.outbox.count({ where: { fileName: { not: null } } })).toBe(2);
  });

  it("a file gone before it is sent fails like a send error, and the admins are told", async () => {
    bot = await swap({ DUBAN_SEND_MAX_ATTEMPTS: "2", DUBAN_ADMINS: "王科长,李主任" });
    const to = { kind: "contact" as const, id: "李主任", name: "李主任" };
    await enqueue(bot.app.store, [{ key: "gone", ...fileMessage(to, { kind: "file", path: path.join(bot.dir, "none.xlsx"), name: "台账.xlsx" }) }], bot.clock.now(), 1500);
    await bot.flush();
    expect(await bot.app.store.outbox.findUniqueOrThrow({ where: { key: "gone" } })).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(bot.sent.map((s) => [s.to, s.text])).toEqual([["@王科长", "【发送失败】发往“李主任”的消息重试 2 次仍未送达：[文件] 台账.xlsx"]]);
  });
});

async function swap(env: Record<string, string>): Promise<TestBot> {
  await bot.close();
  const fresh = await TestBot.create(env);
  await fresh.importSample();
  return fresh;
}

describe("files as evidence", () => {
  it("a file after a report is kept under its content hash, acknowledged by name", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    expect(await send("张三", WATER, pdf("report-bytes"))).toEqual(["已将 整改报告.pdf 存为 ZG-2026-003 的佐证材料。"]);
    const [kept] = await bot.app.store.attachment.findMany();
    const hash = createHash("sha256").update("report-bytes").digest("hex");
    expect(kept).toMatchObject({ kind: "file", fileName: "整改报告.pdf", size: 12, path: path.join(bot.dir, "files", `${hash}.pdf`) });
    expect(existsSync(kept!.path)).toBe(true);
  });

  it("the same file twice is stored once on disk; a redelivery is kept once and answered once", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    const msg = bot.message("张三", WATER, "", { attachment: pdf("same") });
    expect(await bot.deliver(msg)).toEqual(["已将 整改报告.pdf 存为 ZG-2026-003 的佐证材料。"]);
    expect(await bot.deliver(msg)).toEqual([]);
    expect(await send("张三", WATER, { ...pdf("same"), fileName: "副本.PDF" })).toEqual([]);
    expect(await bot.app.store.attachment.count()).toBe(2);
    expect(readdirSync(path.join(bot.dir, "files"))).toHaveLength(1);
  });

  it("a file over the size cap is not kept, and the sender is told why", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    const big = { kind: "file" as const, fileName: "验收材料.docx", read: async () => Buffer.alloc(1_572_864, 1) };
    const msg = bot.message("张三", WATER, "", { attachment: big });
    expect(await bot.deliver(msg)).toEqual(["验收材料.docx 有 1.5MB，超过 1MB 的上限，没有存为 ZG-2026-003 的佐证材料。请压缩后重发。"]);
    expect(await bot.deliver(msg)).toEqual([]);
    expect(await bot.app.store.attachment.count()).toBe(0);
  });

  it("after a 交办 the same admin's photos in that chat are its evidence; after a 自查 the unit's", async () => {
    await bot.say(ADMIN, null, "交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾");
    const assigned = await bot.app.store.issue.findFirstOrThrow({ where: { source: "交办" } });
    expect(await send("李四", null, photo("a"))).toEqual([]);
    expect(await send(ADMIN, WATER, photo("a"))).toEqual([]);
    expect(await send(ADMIN, null, photo("b"))).toEqual([`已将照片存为 ${assigned.code} 的佐证材料。`]);
    await bot.say("张三", WATER, "自查 厂区雨污管网混接");
    const found = await bot.app.store.issue.findFirstOrThrow({ where: { source: "自查" } });
    expect(await send("赵五", WATER, pdf("c"))).toEqual([`已将 整改报告.pdf 存为 ${found.code} 的佐证材料。`]);
    expect(await bot.app.store.attachment.findMany({ select: { issueId: true, kind: true } })).toEqual([
      { issueId: assigned.id, kind: "image" },
      { issueId: found.id, kind: "file" },
    ]);
  });
});

describe("附件 and 查询", () => {
  it("查询 counts the evidence; 附件 sends every file to the admin privately", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    await send("张三", WATER, photo("p1"));
    await send("张三", WATER, photo("p2"));
    await send("张三", WATER, pdf("r"));
    expect((await bot.say("张三", WATER, "查询 ZG-2026-003"))[0]).toContain("\n附件 3 个（照片 2 张，文件 1 个）\n");
    expect((await bot.say("张三", WATER, "查询 ZG-2026-001"))[0]).not.toContain("附件");

    const before = bot.sent.length;
    expect(await bot.say(ADMIN, WATER, "附件 ZG-2026-003")).toEqual([
      "已私信发送 ZG-2026-003 的 3 个附件。",
      "ZG-2026-003 的附件 3 个：照片 2 张、整改报告.pdf。",
      "[图片] site.jpg",
      "[图片] site.jpg",
      "[文件] 整改报告.pdf",
    ]);
    const files = bot.sent.slice(before).filter((s) => s.file);
    expect(files.map((s) => [s.to, s.file!.data.toString()])).toEqual([
      ["@王科长", "p1"],
      ["@王科长", "p2"],
      ["@王科长", "r"],
    ]);
  });

  it("附件 is the admins'; an issue without evidence gets a short answer; at most 20 are sent", async () => {
    expect(await bot.say("张三", WATER, "附件 ZG-2026-003")).toEqual(["只有督查室管理员可以调取佐证材料"]);
    expect(await bot.say(ADMIN, null, "附件 ZG-2026-003")).toEqual(["ZG-2026-003 还没有照片或文件。"]);
    expect(await bot.say(ADMIN, null, "附件")).toEqual(["格式不对：缺少问题编号。\n用法：附件 <编号>，例如：附件 ZG-2026-003"]);
    await bot.say("张三", WATER, "进度 ZG-2026-003 开工");
    for (let i = 0; i < 22; i++) await send("张三", WATER, { ...pdf(`r${i}`), fileName: `报告${i}.pdf` });
    const replies = await bot.say(ADMIN, null, "附件 ZG-2026-003");
    expect(replies).toHaveLength(21);
    expect(replies[0]).toMatch(/^ZG-2026-003 的附件 22 个：报告2\.pdf、.*报告21\.pdf（较早的 2 个未发送）。$/);
  });
});

describe("completion claims without evidence", () => {
  it("are accepted, and flagged in the admins' notice and the digest's 待核实 list", async () => {
    const replies = await bot.say("张三", WATER, "ZG-2026-003 已完成");
    expect(replies[0]).toContain("状态改为待核实");
    expect(bot.sent.at(-1)!.text).toMatch(/^【待核实】区水利局 张三 报 ZG-2026-003 整改完成（暂无佐证材料）/);
    await bot.say("李四", "百胜镇群", "ZG-2026-001 已完成");
    await send("李四", "百胜镇群", photo("x"));
    const [digest] = await bot.say(ADMIN, null, "统计");
    expect(digest).toContain("· ZG-2026-003 区水利局（暂无佐证材料）");
    expect(digest).toMatch(/· ZG-2026-001 百胜镇人民政府(\n|$)/);
  });

  it("a claim on an issue that already has evidence is not flagged", async () => {
    await bot.say("张三", WATER, "进度 ZG-2026-003 设备到货");
    await send("张三", WATER, photo("y"));
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    expect(bot.sent.at(-1)!.text).toMatch(/^【待核实】区水利局 张三 报 ZG-2026-003 整改完成：/);
  });
});

describe("导出", () => {
  it("sends the admin the ledger privately as an xlsx that imports back unchanged", async () => {
    const replies = await bot.say(ADMIN, null, "导出");
    expect(replies).toEqual(["整改台账共 10 个问题（未开始 2，整改中 6，待核实 1，已销号 1），Excel 文件见下条。", "[文件] 整改台账-2026-12-01.xlsx"]);
    const sent = bot.sent.at(-1)!;
    expect(sent.to).toBe("@王科长");
    expect(path.dirname(sent.file!.path)).toBe(path.join(bot.dir, "exports"));
    const copy = mkdtempSync(path.join(os.tmpdir(), "duban-export-"));
    try {
      const file = path.join(copy, "back.xlsx");
      writeFileSync(file, sent.file!.data);
      const result = await importLedgerFile(bot.app.store, file, bot.app.time, { actor: "test", now: bot.clock.now() });
      expect(result).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 10, kept: [] });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("writes a long-term issue's deadline as 长期坚持, not as a broken date", async () => {
    await bot.say(ADMIN, null, "交办 区水利局 长期坚持 河道日常保洁");
    await bot.say(ADMIN, null, "导出");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(bot.sent.at(-1)!.file!.path);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).indexOf("整改时限");
    const row = sheet.getRows(4, sheet.rowCount - 3)!.find((r) => r.getCell(2).value === "DB-2026-001")!;
    expect(row.getCell(header).value).toBe("长期坚持");
    expect(sheet.getRow(sheet.rowCount).getCell(header).value).toBeInstanceOf(Date);
  });

  it("is refused in a group and to non-admins; a redelivery is not sent twice", async () => {
    expect(await bot.say(ADMIN, "领导群", "导出")).toEqual(["台账不在群里发送，请私聊督办助手发送“导出”。"]);
    expect(await bot.say("张三", null, "导出台账")).toEqual(["只有督查室管理员可以导出台账"]);
    const msg = bot.message(ADMIN, null, "导出");
    expect(await bot.deliver(msg)).toHaveLength(2);
    expect(await bot.deliver(msg)).toEqual([]);
  });

  it("a ledger too big to export in chat is referred to the server", async () => {
    await bot.app.store.$executeRaw`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9991)
      INSERT INTO "Issue" ("code", "description", "unitId", "deadline", "createdAt", "updatedAt")
      SELECT 'BIG-' || i, '问题', (SELECT MIN("id") FROM "Unit"), '2026-12-31', ${bot.clock.now()}, ${bot.clock.now()} FROM n`;
    expect(await bot.say(ADMIN, null, "导出")).toEqual([
      "台账有 10001 个问题，超过聊天中导出的上限 10000 个，请由系统管理员在服务器上导出（npm run duban -- export 台账.xlsx）。",
    ]);
  });
});

describe("通报", () => {
  it("sends the admin the week's 情况通报 privately as a .docx; asked again the same week, it keeps its number", async () => {
    const replies = await bot.say(ADMIN, null, "通报");
    expect(replies).toEqual([
      "督办通报〔2026〕1号（11月30日至12月1日）：问题共10个，在办8个，其中逾期2个；本周销号0个，下发督办单0份。Word 文件见下条。",
      "[文件] 督办通报〔2026〕1号.docx",
    ]);
    const sent = bot.sent.at(-1)!;
    expect(sent.to).toBe("@王科长");
    expect(path.dirname(sent.file!.path)).toBe(path.join(bot.dir, "bulletins"));
    const xml = readZip(sent.file!.data).get("word/document.xml")!.toString("utf8");
    expect(xml).toContain("关于11月30日至12月1日");
    bot.clock.set(new Date("2026-12-04T16:00:00+08:00"));
    expect((await bot.say(ADMIN, null, "情况通报"))[1]).toBe("[文件] 督办通报〔2026〕1号.docx");
    // Monday: nothing of this week yet, so last week's, whole, under its number.
    bot.clock.set(new Date("2026-12-07T09:00:00+08:00"));
    const monday = await bot.say(ADMIN, null, "通报");
    expect(monday[0]).toMatch(/^督办通报〔2026〕1号（11月30日至12月6日）：/);
    expect(monday[1]).toBe("[文件] 督办通报〔2026〕1号.docx");
    bot.clock.set(new Date("2026-12-08T09:00:00+08:00"));
    expect((await bot.say(ADMIN, null, "通报"))[1]).toBe("[文件] 督办通报〔2026〕2号.docx");
  });

  it("is refused in a group and to non-admins; a redelivery is not sent twice", async () => {
    expect(await bot.say(ADMIN, "领导群", "通报")).toEqual(["情况通报不在群里发送，请私聊督办助手发送“通报”。"]);
    expect(await bot.say("张三", null, "通报")).toEqual(["只有督查室管理员可以生成情况通报"]);
    expect(await bot.app.store.bulletin.count()).toBe(0);
    const msg = bot.message(ADMIN, null, "通报");
    expect(await bot.deliver(msg)).toHaveLength(2);
    expect(await bot.deliver(msg)).toEqual([]);
    expect(await bot.app.store.bulletin.count()).toBe(1);
  });

  it("a ledger too big for chat is referred to the server or the weekly job", async () => {
    await bot.app.store.$executeRaw`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9991)
      INSERT INTO "Issue" ("code", "description", "unitId", "deadline", "createdAt", "updatedAt")
      SELECT 'BIG-' || i, '问题', (SELECT MIN("id") FROM "Unit"), '2026-12-31', ${bot.clock.now()}, ${bot.clock.now()} FROM n`;
    expect(await bot.say(ADMIN, null, "通报")).toEqual([
      "台账有 10001 个问题，超过聊天中生成通报的上限 10000 个，请由系统管理员在服务器上生成（npm run duban -- bulletin 通报.docx），或设置每周定时发送（DUBAN_BULLETIN_TIME）。",
    ]);
  });
});
