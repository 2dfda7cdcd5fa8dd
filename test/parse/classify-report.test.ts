import { describe, expect, it } from "vitest";
import { percentIn, readReport } from "../../src/parse/classify-report.ts";
import { CodeBook, codeMentions } from "../../src/parse/issue-code.ts";
import { interpretMessage } from "../../src/parse/interpret-message.ts";
import { normalizeText } from "../../src/parse/normalize-text.ts";

describe("readReport: what a statement says", () => {
  it.each([
    // completion, plain and colloquial
    ["已完成", "complete"],
    ["整改完毕，出水达标", "complete"],
    ["搞定了", "complete"],
    ["弄好了", "complete"],
    ["已处置到位", "complete"],
    ["已全部清理完毕", "complete"],
    ["违建已拆除", "complete"],
    ["问题已解决", "complete"],
    ["已于11月30日完成整改", "complete"],
    ["11月底已完成整改", "complete"],
    ["已按要求整改到位", "complete"],
    ["已完成整改，待验收", "complete"],
    ["已整改到位，下一步将继续加强巡查，防止反弹", "complete"],
    ["已完成整改，正在申请验收", "complete"],
    ["完成整改，申请销号", "complete"],
    ["100%完成", "complete"],
    ["好了", "complete"],
    ["OK了", "complete"],
    ["完成✅", "complete"],
    ["已拆除✅", "complete"],
    ["正在施工🚧", "progress"],
    ["已彻底整改", "complete"],
    ["整改验收合格", "complete"],
    ["已通过验收", "complete"],
    ["未通过验收，继续整改", "progress"],
    ["已完成招标", "progress"],
    ["设计已完成，下周开工", "progress"],
    // a step or a part of the work, named after 已完成
    ["已完成整改方案编制", "progress"],
    ["已完成现场核查", "progress"],
    ["已完成施工队伍进场", "progress"],
    ["已完成第一阶段", "progress"],
    ["已完成其中一处", "progress"],
    ["拆除已完成，复绿还没开始", "progress"],
    ["已完成垃圾清运", "complete"],
    ["已完成清理工作", "complete"],
    // hedged, hearsay, a difficulty, a request: no claim
    ["整改完成不了，申请延期", "mention"],
    ["据说已经完成了", "mention"],
    ["已完成整改，应该没问题", "complete"],
    ["把垃圾全部清走了", "complete"],
    ["已完成整改并通过验收", "complete"],
    ["快搞定了", "mention"],
    ["整改完成时限：12月20日", "mention"],
    ["整改完了记得拍照", "mention"],
    ["弄好了就报一下", "mention"],
    ["整改完成了就等验收了", "complete"],
    ["已完成整改，关于销号的请示已报送", "complete"],
    // partial: something done, something left
    ["整改进度：已完成管网铺设，剩余检查井", "progress"],
    ["已完成设备采购，正在安装", "progress"],
    ["基本完成整改", "progress"],
    ["主体已完工，还差绿化", "progress"],
    ["已完成主体工程", "progress"],
    ["除绿化外已全部完成", "progress"],
    ["已完成2处，还有1处", "progress"],
    ["5个点位已完成3个", "progress"],
    ["已整改完成5处，共8处", "progress"],
    ["已完成3/5", "progress"],
    // denied
    ["未完成", "progress"],
    ["尚未整改到位", "progress"],
    ["还没弄好", "progress"],
    ["完不成，申请延期", "progress"],
    ["整改不到位，继续推进", "progress"],
    // planned, not done
    ["争取月底前整改完成", "progress"],
    ["预计下周完工", "progress"],
    ["计划12月20日前整改到位", "progress"],
    ["明天完成", "progress"],
    // questions
    ["完成了吗", "question"],
    ["是否已整改?", "question"],
    ["什么时候能完成", "question"],
    ["整改到位了没", "question"],
    ["为什么还没整改", "question"],
    ["责任人是谁", "question"],
    ["是不是已经整改完了", "question"],
    ["完成没", "question"],
    // mere mentions and requests
    ["明天去看", "mention"],
    ["下午开会讨论", "mention"],
    ["的照片发一下", "mention"],
    ["请尽快完成整改", "mention"],
    ["要抓紧把 整改到位", "mention"],
    ["领导要求 本周完成", "mention"],
    ["的材料我已经发邮箱了", "mention"],
    ["好了， 明天再说", "mention"],
    ["这个不是 的问题", "mention"],
    ["不能说已经完成", "progress"],
    // statements of progress
    ["正在施工", "progress"],
    ["设备已进场", "progress"],
    ["已开工", "progress"],
    ["推进中", "progress"],
    ["目前正在协调资金", "progress"],
  ])("%s → %s", (text, kind) => {
    expect(readReport(text).kind).toBe(kind);
  });
});

describe("percentIn: percentages in figures and in words", () => {
  it.each([
    ["完成60%", 60],
    ["已完成80%", 80],
    ["百分之四十", 40],
    ["百分之六十五", 65],
    ["百分之百", 100],
    ["百分之80", 80],
    ["七成", 70],
    ["八成五", 85],
    ["十成", 100],
    ["已清运3成", 30],
    ["一半", 50],
    ["三分之二", 67],
    ["四分之三", 75],
    ["完成250%", undefined],
    ["完成", undefined],
    ["成员已到位", undefined],
    ["PM2.5", undefined],
  ])("%s → %s", (text, pct) => {
    expect(percentIn(text)).toBe(pct);
  });
});

describe("codes as people type them", () => {
  const book = new CodeBook(
    ["ZG-2026-001", "ZG-2026-013", "ZG-2026-1", "ZG-2026-12", "HB-2026-0101", "HB-20260-101"].map((code) => ({ code, unitId: 1 })),
  );
  const resolve = (text: string) => codeMentions(normalizeText(text)).map((m) => book.resolveMention(m)?.code ?? null);
  it.each([
    ["ZG2026013 已完成", ["ZG-2026-013"]],
    ["zg 2026-001", ["ZG-2026-001"]],
    ["ZG 2026 013", ["ZG-2026-013"]],
    ["ZG.2026.013", ["ZG-2026-013"]],
    ["ＺＧ２０２６０１３", ["ZG-2026-013"]],
    ["ZG-2026-1 2处已完成", ["ZG-2026-1"]],
    ["HB20260101 已完成", [null]],
    ["ZG-2026-001和013均已完成", ["ZG-2026-001", "ZG-2026-013"]],
    // a number after a code is a quantity unless a boundary or a report word follows it
    ["ZG-2026-001，120名工人已进场", ["ZG-2026-001"]],
    ["ZG-2026-001,013多立方垃圾已清运", ["ZG-2026-001"]],
    ["ZG-2026-001，013均已完成", ["ZG-2026-001", "ZG-2026-013"]],
    ["ZG-2026-001 完成了，013也完成了", ["ZG-2026-001", "ZG-2026-013"]],
    ["ZG-2026-001 清运了，200吨已运走", ["ZG-2026-001"]],
    ["ZG-2026-001、2处已完成", ["ZG-2026-001"]],
    ["PM2.5 超标", [null]],
  ])("%s → %j", (text, codes) => {
    expect(resolve(text)).toEqual(codes);
  });
});

describe("a unit's group: codes anywhere", () => {
  const book = new CodeBook([
    { code: "ZG-2026-001", unitId: 1 },
    { code: "ZG-2026-002", unitId: 1 },
    { code: "ZG-2026-101", unitId: 2 },
  ]);
  const ctx = { botName: "督办助手", isPrivate: false, mentionsBot: false, reportingUnitId: 1, codes: book };
  const read = (text: string) => interpretMessage(text, ctx);

  it.each([
    ["关于ZG-2026-001，已完成整改", { type: "reports", reports: [{ type: "complete", code: "ZG-2026-001", note: "已完成整改" }], others: [] }],
    [
      "ZG-2026-001已完成，ZG-2026-002完成80%",
      {
        type: "reports",
        reports: [
          { type: "complete", code: "ZG-2026-001", note: "已完成" },
          { type: "progress", code: "ZG-2026-002", note: "完成80%", percent: 80 },
        ],
        others: [],
      },
    ],
    ["ZG-2026-001、ZG-2026-101 已完成", { type: "reports", reports: [{ type: "complete", code: "ZG-2026-001", note: "已完成" }], others: ["ZG-2026-101"] }],
  ])("%s", (text, command) => {
    expect(read(text)).toMatchObject({ addressed: true, command });
  });

  it.each(["明天去看ZG-2026-001", "请问ZG-2026-001完成了吗？", "听说ZG-2026-101已经整改完成了", "关于ZG-2026-101，已完成整改"])("%s stays chat", (text) => {
    expect(read(text).addressed).toBe(false);
  });

  it("outside a unit's group, codes not first stay chat as before", () => {
    expect(interpretMessage("关于ZG-2026-001，已完成整改", { ...ctx, reportingUnitId: null }).addressed).toBe(false);
  });
});
