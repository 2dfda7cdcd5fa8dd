import { describe, expect, it } from "vitest";
import { commandSchema } from "../../src/parse/command.ts";
import { CodeBook } from "../../src/parse/issue-code.ts";
import { interpretMessage } from "../../src/parse/interpret-message.ts";
import { normalizeText } from "../../src/parse/normalize-text.ts";
import { parseCommand } from "../../src/parse/parse-command.ts";
import { resolveDate } from "../../src/domain/resolve-date.ts";

const KNOWN = new CodeBook(["DB-2026-001", "DB-2026-002", "ZG-2026-003"].map((code) => ({ code, unitId: 1 })));
const group = { botName: "督办助手", isPrivate: false, mentionsBot: false, reportingUnitId: 1, codes: KNOWN };
const quote = (quoted: string, reply: string, name = "督办助手") => `「${name}：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`;
const NOTICE = "【交办通知】DB-2026-001\n区水利局：督查室交办问题一件，请抓紧整改。\n问题：城南河道沿岸堆放建筑垃圾\n整改时限：12月31日";

describe("parseCommand: 交办, 签收, 自查, 驳回延期, and source filters", () => {
  it.each([
    ["交办 区水利局 12月31日 城南河道沿岸堆放建筑垃圾", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 31 }, description: "城南河道沿岸堆放建筑垃圾" }],
    ["交办：区水利局 2026-12-31 河道垃圾，两岸均有", { type: "assign", unitName: "区水利局", deadline: { y: 2026, m: 12, d: 31 }, description: "河道垃圾，两岸均有" }],
    ["交办 区水利局 2027年1月15日 河道垃圾", { type: "assign", unitName: "区水利局", deadline: { y: 2027, m: 1, d: 15 }, description: "河道垃圾" }],
    ["交办 区水利局 长期坚持 河长制巡河", { type: "assign", unitName: "区水利局", deadline: null, description: "河长制巡河" }],
    ["交办:区水利局,12月31日,城南河道", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 31 }, description: "城南河道" }],
    ["交办 区水利局:2026-12-31:城南河道", { type: "assign", unitName: "区水利局", deadline: { y: 2026, m: 12, d: 31 }, description: "城南河道" }],
    ["交办 区水利局12月31日前 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 31 }, description: "清理河道垃圾" }],
    ["交办 区水利局 2026年12月31日前，清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { y: 2026, m: 12, d: 31 }, description: "清理河道垃圾" }],
    ["交办 区水利局长期坚持 落实河长制", { type: "assign", unitName: "区水利局", deadline: null, description: "落实河长制" }],
    ["交办 第2水厂 12月31日 出水浑浊", { type: "assign", unitName: "第2水厂", deadline: { m: 12, d: 31 }, description: "出水浑浊" }],
    // Deadlines as offices write them.
    ["交办 区水利局 12月底前 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 28, monthEnd: true }, description: "清理河道垃圾" }],
    ["交办 区水利局 2027年2月底 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { y: 2027, m: 2, d: 28, monthEnd: true }, description: "清理河道垃圾" }],
    ["交办 区水利局 立行立改 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: "immediate", description: "清理河道垃圾" }],
    ["交办 区水利局立行立改，清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: "immediate", description: "清理河道垃圾" }],
    ["交办 区水利局12月底前 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 28, monthEnd: true }, description: "清理河道垃圾" }],
    ["交办 区水利局 年底前 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { m: 12, d: 31 }, description: "清理河道垃圾" }],
    ["交办 区水利局 2026年底之前 清理河道垃圾", { type: "assign", unitName: "区水利局", deadline: { y: 2026, m: 12, d: 31 }, description: "清理河道垃圾" }],
    ["自查 12月20日前期排查发现排口标识缺失", { type: "selfCheck", date: { m: 12, d: 20 }, description: "前期排查发现排口标识缺失" }],
    ["自查 2026年12月底前 排口标识牌缺失", { type: "selfCheck", date: { y: 2026, m: 12, d: 28, monthEnd: true }, description: "排口标识牌缺失" }],
    ["签收 DB-2026-001", { type: "acknowledge", code: "DB-2026-001" }],
    ["签收db-2026-001", { type: "acknowledge", code: "DB-2026-001" }],
    ["自查 厂区雨污管网混接", { type: "selfCheck", description: "厂区雨污管网混接" }],
    ["自查 12月20日 厂区雨污管网混接", { type: "selfCheck", date: { m: 12, d: 20 }, description: "厂区雨污管网混接" }],
    ["自查 3号排污口标识缺失", { type: "selfCheck", description: "3号排污口标识缺失" }],
    ["自查 1.5万吨废渣露天堆放", { type: "selfCheck", description: "1.5万吨废渣露天堆放" }],
    ["自查 12月20日前完成雨污分流", { type: "selfCheck", date: { m: 12, d: 20 }, description: "完成雨污分流" }],
    ["自查：2026-12-20，厂区雨污管网混接", { type: "selfCheck", date: { y: 2026, m: 12, d: 20 }, description: "厂区雨污管网混接" }],
    ["驳回延期 ZG-2026-003 理由不充分，请按原时限完成", { type: "refuseExtension", code: "ZG-2026-003", reason: "理由不充分，请按原时限完成" }],
    ["逾期 中央环保督察", { type: "overdue", source: "中央环保督察" }],
    ["清单 暗访", { type: "list", unitName: "暗访" }],
    ["清单 区水利局 群众投诉", { type: "list", unitName: "区水利局", source: "群众投诉" }],
  ])("%s", (text, expected) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toEqual(expected);
    expect(commandSchema.parse(cmd)).toEqual(expected);
  });

  it.each([
    ["交办", "交办", "缺少单位名"],
    ["交办 区水利局", "交办", "缺少日期"],
    ["交办 区水利局 下周 河道垃圾", "交办", "缺少日期"],
    ["交办 区水利局 2月30日 河道垃圾", "交办", "无效"],
    ["交办 区水利局 12月31日", "交办", "缺少问题描述"],
    ["签收", "签收", "缺少问题编号"],
    ["自查", "自查", "缺少问题描述"],
    ["自查 12月20日", "自查", "缺少问题描述"],
    ["自查 2月30日 管网混接", "自查", "无效"],
    ["自查 2026-13-01 管网混接", "自查", "无效"],
    ["驳回延期 ZG-2026-003", "驳回延期", "缺少驳回理由"],
    ["驳回延期", "驳回延期", "缺少问题编号"],
  ])("%s → usage", (text, command, problem) => {
    const cmd = parseCommand(normalizeText(text));
    expect(cmd).toMatchObject({ type: "usage", command });
    expect(cmd?.type === "usage" && cmd.problem).toContain(problem);
  });

  it("驳回延期 is not read as 延期", () => {
    expect(parseCommand("驳回延期 ZG-2026-003 不同意")).toMatchObject({ type: "refuseExtension" });
  });

  it.each(["交办的问题都在推进", "自查了一遍没问题吗", "签收了吗"])("%s is chat", (text) => {
    expect(parseCommand(text)).toBeNull();
  });
});

describe("a quoted reply to the 交办通知 acknowledges it", () => {
  it.each(["收到", "收到！", "签收", "已签收。", "好的", "好的👌", "明白", "明白了，收到", "收到，马上安排", "收到，立即组织清运", "好的，已安排专人负责"])("%s → 签收", (reply) => {
    expect(interpretMessage(quote(NOTICE, reply), group)).toMatchObject({ addressed: true, command: { type: "acknowledge", code: "DB-2026-001" } });
  });

  it("a report in the reply is a report on the assigned issue", () => {
    expect(interpretMessage(quote(NOTICE, "收到，已整改完毕"), group).command).toMatchObject({ type: "complete", code: "DB-2026-001" });
    expect(interpretMessage(quote(NOTICE, "已进场清运，完成50%"), group).command).toMatchObject({ type: "progress", code: "DB-2026-001", percent: 50 });
  });

  it("收到 to another bot message stays silent, and a quote of someone else is chat", () => {
    expect(interpretMessage(quote("【整改提醒】区水利局\n1. DB-2026-001 河道垃圾｜剩5天", "收到"), group).addressed).toBe(false);
    expect(interpretMessage(quote(NOTICE, "收到", "李四"), group).addressed).toBe(false);
  });

  it("a notice naming a code that does not exist acknowledges nothing", () => {
    const other = NOTICE.replace("DB-2026-001", "DB-2026-099");
    expect(interpretMessage(quote(other, "收到"), group).addressed).toBe(false);
  });
});

describe("resolveDate: a month's end is known once the year is", () => {
  it.each([
    [{ m: 12, d: 28, monthEnd: true }, "2026-12-01", "2026-12-31"],
    [{ m: 2, d: 28, monthEnd: true }, "2026-12-01", "2027-02-28"],
    [{ m: 2, d: 28, monthEnd: true }, "2027-12-01", "2028-02-29"],
    [{ y: 2027, m: 4, d: 28, monthEnd: true }, "2026-12-01", "2027-04-30"],
    [{ m: 11, d: 28, monthEnd: true }, "2026-12-01", "2027-11-30"],
    [{ m: 12, d: 31 }, "2026-12-01", "2026-12-31"],
  ])("%j on %s → %s", (spec, today, expected) => {
    expect(resolveDate(spec, today)).toBe(expected);
  });
});
