import { describe, expect, it } from "vitest";
import { commandSchema } from "../../src/parse/command.ts";
import { CodeBook } from "../../src/parse/issue-code.ts";
import { parseCommand } from "../../src/parse/parse-command.ts";
import { interpretMessage } from "../../src/parse/interpret-message.ts";
import { normalizeText } from "../../src/parse/normalize-text.ts";

const KNOWN = new CodeBook(["ZG-2026-003", "ZG-2026-004", "ZG-2026-010"].map((code) => ({ code, unitId: 1 })));
const group = { botName: "督办助手", isPrivate: false, mentionsBot: false, reportingUnitId: null, codes: KNOWN };
const meaning = (text: string, ctx = group) => interpretMessage(text, ctx);

describe("parseCommand: command words", () => {
  it.each([
    ["帮助", { type: "help" }],
    ["help", { type: "help" }],
    ["HELP", { type: "help" }],
    ["#帮助", { type: "help" }],
    ["/帮助", { type: "help" }],
    ["查询 ZG-2026-003", { type: "query", code: "ZG-2026-003" }],
    ["查询 zg-2026-003", { type: "query", code: "ZG-2026-003" }],
    ["查询:ZG-2026-003", { type: "query", code: "ZG-2026-003" }],
    ["查询,ZG-2026-003", { type: "query", code: "ZG-2026-003" }],
    ["查询ZG-2026-003", { type: "query", code: "ZG-2026-003" }],
    ["清单", { type: "list" }],
    ["本单位", { type: "list" }],
    ["清单 区水利局", { type: "list", unitName: "区水利局" }],
    ["清单 周副区长", { type: "list", unitName: "周副区长" }],
    ["清单 红灯", { type: "listLight", light: "RED" }],
    ["清单 黄灯", { type: "listLight", light: "YELLOW" }],
    ["清单 蓝灯", { type: "listLight", light: "BLUE" }],
    ["清单 绿灯", { type: "listLight", light: "GREEN" }],
    // The bare colour may be part of a unit's or a source's name: the store says which.
    ["清单 红", { type: "list", unitName: "红" }],
    ["逾期", { type: "overdue" }],
    ["统计", { type: "stats" }],
    ["日报", { type: "stats" }],
    ["统计 文字", { type: "stats", as: "text" }],
    ["日报 文字版", { type: "stats", as: "text" }],
    ["统计 图片", { type: "stats", as: "image" }],
    ["统计：文本", { type: "stats", as: "text" }],
    // Anything else after 统计 is ignored, as before: the digest in the configured form.
    ["统计 本周", { type: "stats" }],
    ["统计 constructor", { type: "stats" }],
    ["统计文字", { type: "stats", as: "text" }],
    ["日报图片", { type: "stats", as: "image" }],
    ["解绑", { type: "unbind" }],
    ["绑定 区水利局", { type: "bind", leaders: false, unitName: "区水利局" }],
    ["绑定 领导", { type: "bind", leaders: true, unitName: "" }],
    ["进度 ZG-2026-003 管网铺设60%", { type: "progress", code: "ZG-2026-003", note: "管网铺设60%", percent: 60 }],
    ["进展 ZG-2026-003 已进场施工", { type: "progress", code: "ZG-2026-003", note: "已进场施工" }],
    ["进度 ZG-2026-003 完成 100%", { type: "progress", code: "ZG-2026-003", note: "完成 100%", percent: 100 }],
    ["进度 ZG-2026-003 完成 250%", { type: "progress", code: "ZG-2026-003", note: "完成 250%" }],
    ["完成 ZG-2026-003 设备已投运", { type: "complete", code: "ZG-2026-003", note: "设备已投运" }],
    ["完成 ZG-2026-003", { type: "complete", code: "ZG-2026-003", note: "" }],
    ["延期 ZG-2026-003 2026-12-31 设备未到", { type: "extend", code: "ZG-2026-003", date: { y: 2026, m: 12, d: 31 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 2026/12/31 设备未到", { type: "extend", code: "ZG-2026-003", date: { y: 2026, m: 12, d: 31 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 12月31日 设备未到", { type: "extend", code: "ZG-2026-003", date: { m: 12, d: 31 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 2027年1月底前 设备未到", { type: "extend", code: "ZG-2026-003", date: { y: 2027, m: 1, d: 28, monthEnd: true }, reason: "设备未到" }],
    ["延期 ZG-2026-003 12月31日前 设备未到", { type: "extend", code: "ZG-2026-003", date: { m: 12, d: 31 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 2027年1月5日 设备未到", { type: "extend", code: "ZG-2026-003", date: { y: 2027, m: 1, d: 5 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 至12月31日 设备未到", { type: "extend", code: "ZG-2026-003", date: { m: 12, d: 31 }, reason: "设备未到" }],
    ["延期 ZG-2026-003 “2026-12-31” 设备未到", { type: "extend", code: "ZG-2026-003", date: { y: 2026, m: 12, d: 31 }, reason: "设备未到" }],
    ["核实 ZG-2026-003 通过", { type: "verify", code: "ZG-2026-003", pass: true, reason: "" }],
    ["核实 ZG-2026-003 退回 照片不清晰", { type: "verify", code: "ZG-2026-003", pass: false, reason: "照片不清晰" }],
    ["批准延期 ZG-2026-003 2027-01-31", { type: "approveExtension", code: "ZG-2026-003", date: { y: 2027, m: 1, d: 31 } }],
    ["回头看 ZG-2026-010 合格", { type: "review", code: "ZG-2026-010", ok: true, note: "" }],
    ["回头看 ZG-2026-010 反弹 又见堆放", { type: "review", code: "ZG-2026-010", ok: false, note: "又见堆放" }],
    ["导出", { type: "export" }],
    ["导出台账", { type: "export" }],
    ["导出 全部", { type: "export" }],
    ["通报", { type: "bulletin" }],
    ["情况通报", { type: "bulletin" }],
    ["通报 本周", { type: "bulletin" }],
    ["附件 ZG-2026-003", { type: "attachments", code: "ZG-2026-003" }],
    ["附件ZG-2026-003", { type: "attachments", code: "ZG-2026-003" }],
    ["督办单", { type: "notices" }],
    ["督办单台账", { type: "notices" }],
    ["督办单 红", { type: "notices", colour: "RED" }],
    ["督办单 黄色", { type: "notices", colour: "YELLOW" }],
    ["督办单：蓝灯", { type: "notices", colour: "BLUE" }],
    ["督办单 区水利局", { type: "notices", unitName: "区水利局" }],
    ["督办单 红色督办单 区水利局", { type: "notices", colour: "RED", unitName: "区水利局" }],
    ["督办单 区水利局 黄", { type: "notices", colour: "YELLOW", unitName: "区水利局" }],
    ["督办单 红旗镇", { type: "notices", unitName: "红旗镇" }],
  ])("%s", (text, expected) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toEqual(expected);
    expect(commandSchema.parse(cmd)).toEqual(expected);
  });
});

describe("parseCommand: malformed commands get their usage", () => {
  it.each([
    ["查询", "查询", "缺少问题编号"],
    ["查询 三号问题", "查询", "不是问题编号"],
    ["进度", "进度", "缺少问题编号"],
    ["进度 ZG-2026-003", "进度", "缺少进度说明"],
    ["完成 今天", "完成", "不是问题编号"],
    ["延期 ZG-2026-003", "延期", "缺少日期"],
    ["延期 ZG-2026-003 12月31日", "延期", "缺少延期理由"],
    ["延期 ZG-2026-003 2026-13-01 理由", "延期", "无效"],
    ["延期 ZG-2026-003 2月30日 理由", "延期", "无效"],
    ["延期 ZG-2026-003 下个月 理由", "延期", "缺少日期"],
    ["绑定", "绑定", "缺少单位名"],
    ["核实 ZG-2026-003", "核实", "通过"],
    ["核实 ZG-2026-003 退回", "核实", "理由"],
    ["批准延期 ZG-2026-003", "批准延期", "缺少日期"],
    ["回头看 ZG-2026-003", "回头看", "合格"],
    ["回头看 ZG-2026-003 反弹", "回头看", "说明"],
    ["附件", "附件", "缺少问题编号"],
    ["附件 整改报告", "附件", "不是问题编号"],
    ["督办单 绿", "督办单", "绿灯不发督办单"],
    ["督办单 红 黄", "督办单", "只能写一种颜色"],
  ])("%s", (text, command, problem) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toMatchObject({ type: "usage", command });
    expect(cmd?.type === "usage" && cmd.problem).toContain(problem);
  });
});

describe("messages that start with an issue code", () => {
  it.each([
    ["ZG-2026-003 已完成", "complete"],
    ["ZG-2026-003 整改完成", "complete"],
    ["ZG-2026-003 整改完毕，已验收", "complete"],
    ["ZG-2026-003 已整改", "complete"],
    ["ZG-2026-003 已办结", "complete"],
    ["zg-2026-003 已经完成整改", "complete"],
    ["ZG-2026-003 已完成100%", "complete"],
    ["ZG-2026-003 已完成80%", "progress"],
    ["ZG-2026-003 未完成", "progress"],
    ["ZG-2026-003 没完成，还差验收", "progress"],
    ["ZG-2026-003 尚未完成整改", "progress"],
    ["ZG-2026-003 已完成部分清运", "progress"],
    ["ZG-2026-003 正在施工", "progress"],
    ["ZG-2026-003 完成了", "complete"],
    ["ZG-2026-003 已完成了吗？", "progress"],
    ["ZG-2026-003 是否已整改?", "progress"],
    ["ZG-2026-003 已完成设备采购，正在安装", "progress"],
    ["ZG-2026-003 已完成整改，待验收", "complete"],
  ])("%s → %s", (text, type) => {
    expect(parseCommand(normalizeText(text))?.type).toBe(type);
  });

  it("a bare code is a query", () => {
    expect(parseCommand("ZG-2026-003")).toEqual({ type: "query", code: "ZG-2026-003" });
  });
  it("80% is kept as the percentage", () => {
    expect(parseCommand("ZG-2026-003 已完成80%")).toMatchObject({ percent: 80 });
  });
});

describe("when the bot speaks (README, Chat commands)", () => {
  it.each([
    ["完成了吗？", false],
    ["帮助我看看这个", false],
    ["进度怎么样了", false],
    ["附件已上传到群文件", false],
    ["导出来的表格有问题", false],
    ["通报批评了两家企业", false],
    ["情况通报看过了", false],
    ["今天天气不错", false],
    ["大家好，明天开会", false],
    ["", false],
    ["帮助", true],
    ["进度 ZG-2026-003 推进中", true],
    ["完成：ZG-2026-003 已投运", true],
    ["ZG-2026-003 已完成", true],
    ["#逾期", true],
  ])("%j addressed=%s", (text, addressed) => {
    expect(meaning(text).addressed).toBe(addressed);
  });

  it("an @mention makes any text addressed, answered with a hint when not understood", () => {
    expect(meaning("@督办助手 你好")).toMatchObject({ addressed: true, command: null });
    expect(meaning("你好", { ...group, mentionsBot: true })).toMatchObject({ addressed: true, command: null });
    expect(meaning("@督办助手")).toMatchObject({ addressed: true, command: { type: "help" } });
    expect(meaning("@督办助手 查询 ZG-2026-003").command).toEqual({ type: "query", code: "ZG-2026-003" });
    expect(meaning("@督办助手\u2005逾期").command).toEqual({ type: "overdue" });
  });

  it("in a private chat every message is for the bot", () => {
    expect(meaning("你好", { ...group, isPrivate: true })).toMatchObject({ addressed: true, command: null });
  });
});

describe("full-width and messy input is normalised", () => {
  it.each([
    ["进度：ＺＧ－２０２６－００３，管网６０％", { type: "progress", code: "ZG-2026-003", note: "管网60%", percent: 60 }],
    ["查询　ZG－2026－003", { type: "query", code: "ZG-2026-003" }],
    ["  进度    ZG-2026-003    铺设   管网  ", { type: "progress", code: "ZG-2026-003", note: "铺设 管网" }],
    ["查询 ZG—2026—003", { type: "query", code: "ZG-2026-003" }],
    ["＃帮助", { type: "help" }],
    ["ＨＥＬＰ", { type: "help" }],
  ])("%s", (text, expected) => {
    expect(meaning(text).command).toEqual(expected);
  });
});

describe("quoted replies to the bot", () => {
  const quote = (quoted: string, reply: string, dashes = 15, name = "督办助手") =>
    `「${name}：${quoted}」\n${Array(dashes).fill("-").join(" ")}\n${reply}`;

  it.each([15, 16])("takes the issue from the quote (%i dashes)", (dashes) => {
    expect(meaning(quote("【逾期提醒】ZG-2026-003 乡镇污水处理站…", "已完成", dashes)).command).toEqual({
      type: "complete",
      code: "ZG-2026-003",
      note: "已完成",
    });
  });
  it("progress when the reply is not a completion", () => {
    expect(meaning(quote("ZG-2026-003 剩2天", "设备下周到货")).command).toMatchObject({ type: "progress", code: "ZG-2026-003" });
  });
  it("asks which when the quote names several issues", () => {
    expect(meaning(quote("ZG-2026-003、ZG-2026-004 即将到期", "已整改")).command).toEqual({
      type: "ambiguous",
      codes: ["ZG-2026-003", "ZG-2026-004"],
      intent: "complete",
    });
  });
  it("a command in the reply wins over the quote", () => {
    expect(meaning(quote("ZG-2026-003、ZG-2026-004", "ZG-2026-004 已完成")).command).toMatchObject({ type: "complete", code: "ZG-2026-004" });
  });
  it("an acknowledgement is not a report, and quoting someone else is chat", () => {
    expect(meaning(quote("ZG-2026-003 剩2天", "收到")).addressed).toBe(false);
    expect(meaning(quote("ZG-2026-003 剩2天", "好的👌")).addressed).toBe(false);
    expect(meaning(quote("明天开会", "已完成", 15, "李四")).addressed).toBe(false);
  });
});

describe("hostile input", () => {
  it("survives a barrage without throwing", () => {
    const junk = [
      "🙂🙂🙂",
      "进度 ZG-2026-003 🚧 施工中 💪",
      "%%%%",
      "\u0000\u0001",
      "进度 " + "很".repeat(10_000),
      "ZG-" + "9".repeat(500),
      "「督办助手：" + "x".repeat(5000),
      "延期 ZG-2026-003 99999-99-99 x",
      "undefined",
      "null",
      "查询 ' OR 1=1 --",
      "/".repeat(100),
    ];
    for (const j of junk) expect(() => meaning(j)).not.toThrow();
  });
});

describe("free text keeps its Chinese punctuation", () => {
  it.each([
    ["进度：ZG-2026-003，管网铺设，完成60%", "管网铺设，完成60%"],
    ["ZG-2026-003 已整改完毕，出水达标", "已整改完毕，出水达标"],
    ["进度 ZG-2026-003 see a,b", "see a,b"],
  ])("%s", (text, note) => {
    expect(parseCommand(normalizeText(text))).toMatchObject({ note });
  });
});

describe("verdicts are read strictly: a negation never closes an issue", () => {
  it.each([
    ["核实 ZG-2026-003 通过", { pass: true }],
    ["核实 ZG-2026-003 通过，可以销号", { pass: true }],
    ["核实 ZG-2026-003 合格", { pass: true }],
    ["核实 ZG-2026-003 同意退回，资料不全", { pass: false, reason: "资料不全" }],
    ["核实 ZG-2026-003 确认未整改到位，退回", { pass: false, reason: "确认未整改到位" }],
    ["核实 ZG-2026-003 不通过 现场仍有堆放", { pass: false, reason: "现场仍有堆放" }],
    ["核实 ZG-2026-003 驳回：照片不清", { pass: false, reason: "照片不清" }],
  ])("%s", (text, expected) => {
    expect(parseCommand(normalizeText(text))).toMatchObject({ type: "verify", ...expected });
  });
  it.each(["核实 ZG-2026-003 通过不了", "核实 ZG-2026-003 同意", "核实 ZG-2026-003 确认", "核实 ZG-2026-003 看看再说"])("%s → usage", (text) => {
    expect(parseCommand(normalizeText(text))).toMatchObject({ type: "usage", command: "核实" });
  });
  it.each([
    ["回头看 ZG-2026-010 合格", { ok: true }],
    ["回头看 ZG-2026-010 未反弹", { ok: true }],
    ["回头看 ZG-2026-010 合格率不达标，反弹", { ok: false, note: "合格率不达标" }],
    ["回头看 ZG-2026-010 反弹 岸线又见垃圾", { ok: false, note: "岸线又见垃圾" }],
    ["回头看 ZG-2026-010 发现复发，需重新整改", { ok: false, note: "需重新整改" }],
  ])("%s", (text, expected) => {
    expect(parseCommand(normalizeText(text))).toMatchObject({ type: "review", ...expected });
  });
});

describe("only real issue codes make chat a report", () => {
  it.each(["PM10浓度又超标了", "PM2.5 超标了", "A1 好的", "SO2 排放数据出来了", "ZG-2026-999 已完成"])("%s is chat", (text) => {
    expect(meaning(text).addressed).toBe(false);
  });
  it("an unknown code still gets an answer when the bot is asked directly", () => {
    expect(meaning("ZG-2026-999 已完成", { ...group, isPrivate: true })).toMatchObject({ addressed: true, command: { type: "complete", code: "ZG-2026-999" } });
    expect(meaning("@督办助手 ZG-2026-999")).toMatchObject({ addressed: true, command: { type: "query" } });
  });
  it("a quote counts only the codes that are issues", () => {
    const text = "「督办助手：【整改提醒】\n1. ZG-2026-003 PM10超标｜逾期2天」\n- - - - - - - - - - - - - - -\n已整改完毕";
    expect(meaning(text).command).toMatchObject({ type: "complete", code: "ZG-2026-003" });
  });
  it.each(["明白了，谢谢", "好的收到", "收到了", "辛苦了"])("replying %s to a quote is silent", (reply) => {
    expect(meaning(`「督办助手：例如：进度 ZG-2026-003 管网铺设60%」\n- - - - - - - - - - - - - - -\n${reply}`).addressed).toBe(false);
  });
});

describe("a reply to the bot's own hint", () => {
  it("is not a report on the example code", () => {
    const text = "「督办助手：没看懂这条消息。发送“帮助”查看可用命令，例如：进度 ZG-2026-003 管网铺设60%」\n- - - - - - - - - - - - - - -\n好的我试试";
    expect(meaning(text)).toMatchObject({ addressed: true, command: null });
  });
});
