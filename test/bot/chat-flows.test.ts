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
const issue = (code: string) => bot.app.store.issue.findUniqueOrThrow({ where: { code } });
const events = (code: string) => bot.app.store.issueEvent.findMany({ where: { issue: { code } }, orderBy: { id: "asc" } });

describe("unit contacts report in their group", () => {
  it("progress is recorded with its percentage and moves 未开始 to 整改中", async () => {
    const replies = await bot.say("张三", WATER, "进度 ZG-2026-003 设备已采购，完成60%");
    expect(replies).toEqual(["已记录 ZG-2026-003 进度（60%）。整改时限12月5日，剩4天。"]);
    const i = await issue("ZG-2026-003");
    expect(i).toMatchObject({ state: "IN_PROGRESS", progressPct: 60, lastReportText: "设备已采购，完成60%" });
    const [e] = (await events("ZG-2026-003")).filter((x) => x.type === "PROGRESS");
    expect(e).toMatchObject({ actorId: "张三", percent: 60, fromState: "NOT_STARTED", toState: "IN_PROGRESS", rawMessage: "进度 ZG-2026-003 设备已采购，完成60%" });
  });

  it("a completion claim goes to 待核实 and the admins are told", async () => {
    const replies = await bot.say("张三", WATER, "ZG-2026-003 已整改完毕，出水达标");
    expect(replies[0]).toContain("待核实");
    expect(bot.sent.at(-1)).toMatchObject({ to: "@王科长" });
    expect(bot.sent.at(-1)!.text).toContain("核实 ZG-2026-003 通过");
    expect((await issue("ZG-2026-003")).state).toBe("PENDING_VERIFICATION");
  });

  it("another unit's issue is refused with the reason, and nothing is written", async () => {
    const replies = await bot.say("张三", WATER, "进度 ZG-2026-001 已处理");
    expect(replies).toEqual(["ZG-2026-001 属于百胜镇人民政府，本群无权报送"]);
    expect((await events("ZG-2026-001")).filter((e) => e.type === "PROGRESS")).toHaveLength(0);
  });

  it("unknown codes and bad dates get a short Chinese answer", async () => {
    expect(await bot.say("张三", WATER, "进度 ZG-2026-999 开工")).toEqual(["未找到问题 ZG-2026-999，请核对编号"]);
    expect((await bot.say("张三", WATER, "延期 ZG-2026-003 2026-02-30 设备未到"))[0]).toContain("日期“2026-02-30”无效");
    expect((await bot.say("张三", WATER, "延期 ZG-2026-003 2026-11-30 设备未到"))[0]).toContain("须晚于今天");
    expect((await bot.say("张三", WATER, "延期 ZG-2026-003 12月3日 设备未到"))[0]).toContain("须晚于现整改时限12月5日");
  });

  it("an extension request is recorded and staff asked; approval moves the deadline and keeps the old one", async () => {
    const replies = await bot.say("张三", WATER, "延期 ZG-2026-003 12月31日 设备到货推迟");
    expect(replies[0]).toBe("已提交 ZG-2026-003 延期申请（至12月31日），待督查室审批；审批前仍按原时限12月5日考核。");
    expect(replies[1]).toContain("批准延期 ZG-2026-003 2026-12-31");
    expect((await issue("ZG-2026-003")).deadline).toBe("2026-12-05");
    expect(await bot.say("王科长", null, "批准延期 ZG-2026-003 2026-12-31")).toEqual([
      "ZG-2026-003 整改时限已由12月5日调整为12月31日。",
      "ZG-2026-003 延期已批准，整改时限调整为12月31日，请按期完成。",
    ]);
    expect((await issue("ZG-2026-003")).deadline).toBe("2026-12-31");
    const approved = (await events("ZG-2026-003")).find((e) => e.type === "EXTENSION_APPROVED");
    expect(approved).toMatchObject({ oldDeadline: "2026-12-05", newDeadline: "2026-12-31" });
  });

  it("lists and overdue answer with the unit's own issues", async () => {
    const list = await bot.say("李四", "百胜镇群", "清单");
    expect(list[0]).toContain("百胜镇人民政府未销号问题 1 个（逾期 1 个）");
    expect(list[0]).toContain("ZG-2026-001");
    expect(list[0]).toContain("逾期11天");
    expect(await bot.say("李四", "百胜镇群", "逾期")).toEqual([expect.stringContaining("ZG-2026-001")]);
    expect(await bot.say("张三", WATER, "逾期")).toEqual(["区水利局目前没有逾期问题。"]);
  });

  it("查询 shows the card with the last reports", async () => {
    await bot.say("张三", WATER, "进度 ZG-2026-003 开工");
    const [card] = await bot.say("张三", WATER, "查询 zg-2026-003");
    expect(card).toContain("ZG-2026-003 乡镇污水处理站运行不正常出水超标");
    expect(card).toContain("整改时限：12月5日（剩4天）");
    expect(card).toContain("状态：整改中");
    expect(card).toContain("张三：开工");
    expect(await bot.say("张三", WATER, "查询 ZG-2026-001")).toEqual(["ZG-2026-001 属于百胜镇人民政府，本群无权查看"]);
  });
});

describe("staff verify, send back, review", () => {
  it("核实通过 closes and sets the review date; 回头看 反弹 reopens", async () => {
    await bot.say("张三", WATER, "完成 ZG-2026-003 已更换设备");
    const replies = await bot.say("王科长", null, "核实 ZG-2026-003 通过");
    expect(replies[0]).toBe("ZG-2026-003 核实通过，已销号。12月31日回头看。");
    expect(replies[1]).toContain("已销号");
    expect(await issue("ZG-2026-003")).toMatchObject({ state: "CLOSED", reviewDue: "2026-12-31" });
    const rebound = await bot.say("王科长", null, "回头看 ZG-2026-003 反弹 出水又超标");
    expect(rebound[1]).toBe("【反弹】ZG-2026-003 回头看发现问题反弹：出水又超标\n已重新打开，请立即整改并报送进度。");
    expect(await issue("ZG-2026-003")).toMatchObject({ state: "IN_PROGRESS", closedAt: null });
  });

  it("退回 sends it back to 整改中 and tells the unit why", async () => {
    await bot.say("张三", WATER, "完成 ZG-2026-003 已更换设备");
    const replies = await bot.say("王科长", null, "核实 ZG-2026-003 退回 缺少第三方检测报告");
    expect(replies[1]).toContain("核实未通过：缺少第三方检测报告");
    expect((await issue("ZG-2026-003")).state).toBe("IN_PROGRESS");
  });

  it("state rules are explained, not violated", async () => {
    expect(await bot.say("王科长", null, "核实 ZG-2026-003 通过")).toEqual(["ZG-2026-003 当前为未开始，只有待核实的问题可以核实"]);
    expect(await bot.say("王科长", null, "回头看 ZG-2026-003 合格")).toEqual(["ZG-2026-003 当前为未开始，销号后才能回头看"]);
    expect(await bot.say("李四", "百胜镇群", "完成 ZG-2026-010 好了")).toEqual(["ZG-2026-010 属于区经济信息委，本群无权报送"]);
  });

  it("only admins verify, bind and approve; refusals say why", async () => {
    expect(await bot.say("张三", WATER, "核实 ZG-2026-008 通过")).toEqual(["只有督查室管理员可以核实销号"]);
    expect(await bot.say("张三", WATER, "绑定 区水利局")).toEqual(["只有督查室管理员可以绑定工作群"]);
    expect(await bot.say("张三", WATER, "批准延期 ZG-2026-003 2026-12-31")).toEqual(["只有督查室管理员可以批准延期"]);
    expect(await bot.say("张三", WATER, "统计")).toEqual(["单位工作群不发全区统计；本单位情况请发送“清单”，全区统计请在领导群或私聊督办助手查看"]);
    expect(await bot.say("张三", null, "统计")).toEqual(["统计仅限领导群和督查室使用"]);
  });
});

describe("who is who", () => {
  it("admins are matched by id or alias, never by display name", async () => {
    const impostor = bot.message("x1", WATER, "核实 ZG-2026-008 通过", { sender: { id: "wxid_evil", name: "王科长", alias: "" } });
    expect(await bot.deliver(impostor)).toEqual(["只有督查室管理员可以核实销号"]);
    const byAlias = bot.message("x2", null, "核实 ZG-2026-008 通过", { sender: { id: "wxid_8812", name: "老王", alias: "王科长" } });
    expect((await bot.deliver(byAlias))[0]).toContain("已销号");
  });

  it("a group bound to nothing answers admins only", async () => {
    expect(await bot.say("路人", "闲聊群", "帮助")).toEqual([]);
    expect(await bot.say("路人", "闲聊群", "@督办助手 在吗")).toEqual([]);
    expect((await bot.say("王科长", "闲聊群", "帮助"))[0]).toContain("绑定 <单位名>");
  });

  it("a unit contact may report privately once seen in the unit's group", async () => {
    expect((await bot.say("张三", null, "进度 ZG-2026-003 开工"))[0]).toContain("您不在该单位工作群中");
    await bot.say("张三", WATER, "大家早");
    expect((await bot.say("张三", null, "进度 ZG-2026-003 开工"))[0]).toContain("已记录 ZG-2026-003 进度");
    expect((await bot.say("张三", null, "清单"))[0]).toContain("区水利局未销号问题");
  });

  it("leaders get the digest in their group; units see their own help", async () => {
    const [digest] = await bot.say("周副区长", "领导群", "统计");
    expect(digest).toMatch(/^【整改日报】12月1日（周二）\n【中字头】中央环保督察及回访问题在办 3 个，其中逾期 2 个。\n共 10 个：未开始 2，整改中 6，待核实 1，已销号 1；逾期 2 个。/);
    expect(digest).toContain("【督办】逾期7天以上 1 个");
    const [help] = await bot.say("张三", WATER, "帮助");
    expect(help).toContain("进度 <编号> <说明>");
    expect(help).not.toContain("核实 <编号>");
  });

  it("binding survives a rename, and binding a near-miss name is refused", async () => {
    await bot.deliver(bot.message("张三", WATER, "大家早", { room: { id: `${WATER}@chatroom`, topic: "水利整改专班" } }));
    const binding = await bot.app.store.roomBinding.findUniqueOrThrow({ where: { roomId: `${WATER}@chatroom` } });
    expect(binding.topic).toBe("水利整改专班");
    expect(await bot.say("王科长", "新群", "绑定 区水力局")).toEqual(["台账中没有单位“区水力局”，您要绑定的是不是：区水利局？"]);
  });
});

describe("bad input loses nothing", () => {
  it("the same message delivered twice is recorded once and answered once", async () => {
    const msg = bot.message("张三", WATER, "进度 ZG-2026-003 开工");
    const first = await bot.deliver(msg);
    const second = await bot.deliver(msg);
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    expect((await events("ZG-2026-003")).filter((e) => e.type === "PROGRESS")).toHaveLength(1);
  });

  it("a 10,000-character message is refused politely and writes nothing", async () => {
    const replies = await bot.say("张三", WATER, `进度 ZG-2026-003 ${"很长".repeat(5000)}`);
    expect(replies).toEqual([expect.stringContaining("消息太长")]);
    expect((await events("ZG-2026-003")).filter((e) => e.type === "PROGRESS")).toHaveLength(0);
  });

  it("a barrage of malformed commands gets usage hints, never undefined/null/NaN or a stack", async () => {
    const barrage = [
      "进度", "进度 ZG-2026-003", "完成", "延期 ZG-2026-003", "延期 ZG-2026-003 明年 理由", "查询", "查询 🙂",
      "核实 ZG-2026-003", "回头看", "批准延期 ZG-2026-003 2026-13-45", "绑定", "@督办助手 ？？？", "ZG-2026-003 🚧🚧",
      "进度 ZG-2026-003 \u0000\u0007", "清单 不存在的单位", "延期 ZG-2026-003 2月29日 理由", "查询 ZG-2026-003 ZG-2026-004",
    ];
    for (const text of barrage) {
      const replies = await bot.say("张三", WATER, text);
      expect(replies.length, text).toBeGreaterThan(0);
      for (const r of replies) {
        expect(r, text).not.toMatch(/undefined|null|NaN|Error|at .*\.ts/);
        expect(r.length, text).toBeLessThan(400);
      }
    }
    expect(await bot.app.store.issue.count()).toBe(10);
  });

  it("a quote naming several issues gets a question, not a guess", async () => {
    const text = "「督办助手：ZG-2026-003、ZG-2026-009 即将到期」\n- - - - - - - - - - - - - - -\n已完成";
    expect((await bot.say("张三", WATER, text))[0]).toContain("请注明是哪一个");
    expect((await issue("ZG-2026-003")).state).toBe("NOT_STARTED");
  });
});

describe("photos as evidence", () => {
  it("a photo right after a report is kept with it; one acknowledgement for a burst", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    const image = { kind: "image" as const, fileName: "site.jpg", read: async () => Buffer.from("jpeg-bytes") };
    const first = await bot.deliver(bot.message("张三", WATER, "", { attachment: image }));
    const second = await bot.deliver(bot.message("张三", WATER, "", { attachment: image }));
    expect(first).toEqual(["已将照片存为 ZG-2026-003 的佐证材料。"]);
    expect(second).toEqual([]);
    const files = await bot.app.store.attachment.findMany();
    expect(files).toHaveLength(2);
    expect(files[0]!.size).toBe(10);
  });

  it("an empty photo is not kept, and the sender is asked to send it again", async () => {
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    const empty = { kind: "image" as const, fileName: "blank.jpg", read: async () => Buffer.alloc(0) };
    expect(await bot.deliver(bot.message("张三", WATER, "", { attachment: empty }))).toEqual(["这张照片是空的，没有存为 ZG-2026-003 的佐证材料，请重新发送。"]);
    expect(await bot.app.store.attachment.count()).toBe(0);
  });

  it("a photo with no recent report is ignored", async () => {
    bot.clock.advance(3_600_000);
    await bot.say("张三", WATER, "ZG-2026-003 已完成");
    bot.clock.advance(3_600_000);
    const image = { kind: "image" as const, fileName: "late.jpg", read: async () => Buffer.from("x") };
    expect(await bot.deliver(bot.message("张三", WATER, "", { attachment: image }))).toEqual([]);
    expect(await bot.app.store.attachment.count()).toBe(0);
  });
});

describe("review fixes", () => {
  it("a unit name with full-width brackets binds to the ledger's unit", async () => {
    await bot.app.store.unit.create({ data: { name: "水务所（一）" } });
    const [reply] = await bot.say("王科长", "水务群", "绑定 水务所（一）");
    expect(reply).toContain("本群已绑定为“水务所（一）”工作群");
    expect(await bot.app.store.unit.count({ where: { name: { startsWith: "水务所" } } })).toBe(1);
  });

  it("pollutant names and unknown codes in chat are not reports", async () => {
    expect(await bot.say("张三", WATER, "PM10浓度又超标了")).toEqual([]);
    expect(await bot.say("张三", WATER, "ZG-2099-001 已完成")).toEqual([]);
  });

  it("a code-led message from staff or a leader is a query, not the unit's report", async () => {
    const [card] = await bot.say("王科长", WATER, "ZG-2026-003 请抓紧整改");
    expect(card).toContain("整改时限：12月5日");
    expect((await issue("ZG-2026-003")).state).toBe("NOT_STARTED");
    const [leader] = await bot.say("周副区长", "领导群", "ZG-2026-001 为什么还没完成？");
    expect(leader).toContain("ZG-2026-001 榨菜加工企业");
  });

  it("a unit's group never shows the district-wide digest, even to an admin", async () => {
    expect((await bot.say("王科长", WATER, "统计"))[0]).toContain("单位工作群不发全区统计");
    expect((await bot.say("王科长", null, "统计"))[0]).toContain("【整改日报】");
  });

  it("a send-back worded with 同意 does not close the issue", async () => {
    await bot.say("张三", WATER, "完成 ZG-2026-003 已更换设备");
    const replies = await bot.say("王科长", null, "核实 ZG-2026-003 同意退回，资料不全");
    expect(replies[0]).toBe("ZG-2026-003 已退回区水利局，状态改为整改中。");
    expect((await issue("ZG-2026-003")).state).toBe("IN_PROGRESS");
  });
});
