import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLedger } from "../../src/ledger/import-ledger.ts";
import type { LedgerRow } from "../../src/ledger/ledger-row.ts";
import { TestBot } from "../support/test-app.ts";

/*
 * Replies as unit contacts write them, each driven through the real pipeline on a real
 * SQLite store, asserting what the store ends with: the state and note of every issue
 * named, and nothing recorded for chat. Every issue starts 未开始 before each case.
 */

const WATER = "区水利局工作群";
const TOWN = "百胜镇人民政府";

const pad = (n: number) => String(n).padStart(3, "0");
const row = (code: string, unitName: string): LedgerRow => ({
  code,
  description: `${code} 岸线堆放建筑垃圾`,
  unitName,
  deadline: "2026-12-20",
  source: "暗访暗查",
  category: "渣",
  coUnits: "",
  leader: "陈副区长",
  measures: "清运",
  state: "NOT_STARTED",
});
const LEDGER: LedgerRow[] = [
  ...Array.from({ length: 60 }, (_, i) => row(`ZG-2026-${pad(i + 1)}`, "区水利局")),
  ...["ZG-3", "ZG-4", "ZG-5", "ZG-6"].map((c) => row(c, "区水利局")),
  // Two codes with the same key: typed without separators, neither is meant.
  row("HB-2026-0101", "区水利局"),
  row("HB-20260-101", "区水利局"),
  ...[101, 102, 103].map((n) => row(`ZG-2026-${n}`, TOWN)),
];

interface Outcome {
  code: string;
  state: "PENDING_VERIFICATION" | "IN_PROGRESS";
  note: string;
  percent?: number;
}
/** A completion claim: 待核实, with this note. */
const D = (code: string, note: string): Outcome => ({ code, state: "PENDING_VERIFICATION", note });
/** A progress report: 整改中, with this note (and percentage). */
const P = (code: string, note: string, percent?: number): Outcome => ({ code, state: "IN_PROGRESS", note, ...(percent === undefined ? {} : { percent }) });
/** Chat: no answer, nothing recorded. */
const CHAT: Outcome[] = [];

type Case = [text: string, outcomes: Outcome[], notTheirs?: string[]];

/** The 36 replies the reading issue was measured on (26 understood before it). */
const ISSUE_SET: Case[] = [
  ["关于ZG-2026-001，已完成整改", [D("ZG-2026-001", "已完成整改")]],
  ["报告：ZG-2026-031 已完成", [D("ZG-2026-031", "已完成")]],
  ["【ZG-2026-011】已完成整改", [D("ZG-2026-011", "已完成整改")]],
  ["水利局报：ZG-2026-002已整改完毕", [D("ZG-2026-002", "已整改完毕")]],
  ["ZG-2026-032 ZG-2026-033 已完成", [D("ZG-2026-032", "已完成"), D("ZG-2026-033", "已完成")]],
  ["ZG-3和ZG-4均已完成整改", [D("ZG-3", "均已完成整改"), D("ZG-4", "均已完成整改")]],
  ["ZG-5、ZG-6已整改到位", [D("ZG-5", "已整改到位"), D("ZG-6", "已整改到位")]],
  ["ZG2026013 已完成整改", [D("ZG-2026-013", "已完成整改")]],
  ["ZG-2026-030 整改进度：已完成管网铺设，剩余检查井", [P("ZG-2026-030", "整改进度：已完成管网铺设，剩余检查井")]],
  ["ZG-2026-025 已全部清理完毕", [D("ZG-2026-025", "已全部清理完毕")]],
  ["ZG-2026-003 已完成", [D("ZG-2026-003", "已完成")]],
  ["ZG-2026-004 整改完成", [D("ZG-2026-004", "整改完成")]],
  ["ZG-2026-005 已完成80%", [P("ZG-2026-005", "已完成80%", 80)]],
  ["ZG-2026-006 正在施工", [P("ZG-2026-006", "正在施工")]],
  ["ZG-2026-007 未完成，设备还没到", [P("ZG-2026-007", "未完成，设备还没到")]],
  ["进度 ZG-2026-008 管网铺设60%", [P("ZG-2026-008", "管网铺设60%", 60)]],
  ["完成 ZG-2026-009 设备已投运", [D("ZG-2026-009", "设备已投运")]],
  ["ZG-2026-010 已办结", [D("ZG-2026-010", "已办结")]],
  ["明天去看ZG-2026-001", CHAT],
  ["请问ZG-2026-001完成了吗？", CHAT],
  ["收到", CHAT],
  ["好的，明天开会", CHAT],
  ["ZG-2026-012 设备已采购，完成60%", [P("ZG-2026-012", "设备已采购，完成60%", 60)]],
  ["zg-2026-014 已经完成整改", [D("ZG-2026-014", "已经完成整改")]],
  ["ZG-2026-015 已完成设备采购，正在安装", [P("ZG-2026-015", "已完成设备采购，正在安装")]],
  ["ZG-2026-016 尚未完成整改", [P("ZG-2026-016", "尚未完成整改")]],
  ["ZG-2026-017 已完成整改，待验收", [D("ZG-2026-017", "已完成整改，待验收")]],
  ["ZG-2026-018 搞定了", [D("ZG-2026-018", "搞定了")]],
  ["ZG-2026-019 完成七成", [P("ZG-2026-019", "完成七成", 70)]],
  ["ZG-2026-020 已完成部分清运", [P("ZG-2026-020", "已完成部分清运")]],
  ["zg 2026-021 已完成", [D("ZG-2026-021", "已完成")]],
  ["ZG-2026-022：已处置到位", [D("ZG-2026-022", "已处置到位")]],
  ["关于ZG-2026-023的整改，目前已完成百分之四十", [P("ZG-2026-023", "整改，目前已完成百分之四十", 40)]],
  ["ZG-2026-024 争取月底前整改完成", [P("ZG-2026-024", "争取月底前整改完成")]],
  ["PM2.5又超标了", CHAT],
  ["ZG-2026-026 已清运一半", [P("ZG-2026-026", "已清运一半", 50)]],
];

const COLLOQUIAL_DONE: Case[] = [
  ["ZG-2026-001 搞定了", [D("ZG-2026-001", "搞定了")]],
  ["ZG-2026-001 弄好了", [D("ZG-2026-001", "弄好了")]],
  ["ZG-2026-001 已处置到位", [D("ZG-2026-001", "已处置到位")]],
  ["ZG-2026-001 已全部清理完毕", [D("ZG-2026-001", "已全部清理完毕")]],
  ["ZG-2026-002 已经弄好了，请核实", [D("ZG-2026-002", "已经弄好了，请核实")]],
  ["ZG-2026-002 修好了", [D("ZG-2026-002", "修好了")]],
  ["ZG-2026-002 处理好了", [D("ZG-2026-002", "处理好了")]],
  ["ZG-2026-003 已清理干净", [D("ZG-2026-003", "已清理干净")]],
  ["ZG-2026-003 垃圾已清运完毕", [D("ZG-2026-003", "垃圾已清运完毕")]],
  ["ZG-2026-003 违建已拆除完毕", [D("ZG-2026-003", "违建已拆除完毕")]],
  ["ZG-2026-004 已完工", [D("ZG-2026-004", "已完工")]],
  ["ZG-2026-004 完工了", [D("ZG-2026-004", "完工了")]],
  ["ZG-2026-004 已竣工验收", [D("ZG-2026-004", "已竣工验收")]],
  ["ZG-2026-005 整改到位", [D("ZG-2026-005", "整改到位")]],
  ["ZG-2026-005 已按要求整改到位", [D("ZG-2026-005", "已按要求整改到位")]],
  ["ZG-2026-005 已于11月30日完成整改", [D("ZG-2026-005", "已于11月30日完成整改")]],
  ["ZG-2026-006 整改工作已全部完成", [D("ZG-2026-006", "整改工作已全部完成")]],
  ["ZG-2026-006 全部完成", [D("ZG-2026-006", "全部完成")]],
  ["ZG-2026-006 已经好了", [D("ZG-2026-006", "已经好了")]],
  ["ZG-2026-007 管网改造已完成，出水达标", [D("ZG-2026-007", "管网改造已完成，出水达标")]],
  ["ZG-2026-007 已封堵到位", [D("ZG-2026-007", "已封堵到位")]],
  ["ZG-2026-007 排污口已封堵完成", [D("ZG-2026-007", "排污口已封堵完成")]],
  ["ZG-2026-008 完成整改", [D("ZG-2026-008", "完成整改")]],
  ["ZG-2026-008 已完成100%", [D("ZG-2026-008", "已完成100%")]],
  ["ZG-2026-008 已完成百分之百", [D("ZG-2026-008", "已完成百分之百")]],
  ["ZG-2026-009 整改完毕，已上传照片", [D("ZG-2026-009", "整改完毕，已上传照片")]],
  ["ZG-2026-009 已整改，附现场照片", [D("ZG-2026-009", "已整改，附现场照片")]],
  ["ZG-2026-009 设备已更换完成", [D("ZG-2026-009", "设备已更换完成")]],
  ["ZG-2026-010 已销号", [D("ZG-2026-010", "已销号")]],
  ["ZG-2026-010 复绿已完成", [D("ZG-2026-010", "复绿已完成")]],
  ["ZG-2026-010 已全面完成整改任务", [D("ZG-2026-010", "已全面完成整改任务")]],
  ["ZG-2026-011 企业已关停取缔到位", [D("ZG-2026-011", "企业已关停取缔到位")]],
  ["ZG-2026-011 现已整改完毕，请督查室核实", [D("ZG-2026-011", "现已整改完毕，请督查室核实")]],
  ["ZG-2026-011 清淤工作已结束", [D("ZG-2026-011", "清淤工作已结束")]],
  ["ZG-2026-012 整改好了", [D("ZG-2026-012", "整改好了")]],
  ["ZG-2026-012 干完了", [D("ZG-2026-012", "干完了")]],
  ["ZG-2026-012 完成。", [D("ZG-2026-012", "完成。")]],
  ["ZG-2026-013 顺利完成整改", [D("ZG-2026-013", "顺利完成整改")]],
  ["ZG-2026-013 已落实到位", [D("ZG-2026-013", "已落实到位")]],
  ["ZG-2026-013 整治到位，已恢复原貌", [D("ZG-2026-013", "整治到位，已恢复原貌")]],
];

const PARTIAL_AND_PLANNED: Case[] = [
  ["ZG-2026-014 已完成管网铺设，剩余检查井", [P("ZG-2026-014", "已完成管网铺设，剩余检查井")]],
  ["ZG-2026-014 已清运3处，剩余2处", [P("ZG-2026-014", "已清运3处，剩余2处")]],
  ["ZG-2026-014 已完成一半", [P("ZG-2026-014", "已完成一半", 50)]],
  ["ZG-2026-015 基本完成整改", [P("ZG-2026-015", "基本完成整改")]],
  ["ZG-2026-015 已基本整改到位", [P("ZG-2026-015", "已基本整改到位")]],
  ["ZG-2026-015 大部分已清理完毕", [P("ZG-2026-015", "大部分已清理完毕")]],
  ["ZG-2026-016 主体已完工，还差绿化", [P("ZG-2026-016", "主体已完工，还差绿化")]],
  ["ZG-2026-016 已完成首批清运", [P("ZG-2026-016", "已完成首批清运")]],
  ["ZG-2026-016 已整改完成5处，共8处", [P("ZG-2026-016", "已整改完成5处，共8处")]],
  ["ZG-2026-017 已完成3/5", [P("ZG-2026-017", "已完成3/5")]],
  ["ZG-2026-017 已完成七成", [P("ZG-2026-017", "已完成七成", 70)]],
  ["ZG-2026-017 完成了八成五", [P("ZG-2026-017", "完成了八成五", 85)]],
  ["ZG-2026-018 进度百分之四十", [P("ZG-2026-018", "进度百分之四十", 40)]],
  ["ZG-2026-018 已完成百分之六十五", [P("ZG-2026-018", "已完成百分之六十五", 65)]],
  ["ZG-2026-018 已完成三分之二", [P("ZG-2026-018", "已完成三分之二", 67)]],
  ["ZG-2026-019 清运量已过半", [P("ZG-2026-019", "清运量已过半")]],
  ["ZG-2026-019 正在整改，预计12月20日完成", [P("ZG-2026-019", "正在整改，预计12月20日完成")]],
  ["ZG-2026-019 计划月底前整改到位", [P("ZG-2026-019", "计划月底前整改到位")]],
  ["ZG-2026-020 争取本周内完成", [P("ZG-2026-020", "争取本周内完成")]],
  ["ZG-2026-020 力争年底前全部完成整改", [P("ZG-2026-020", "力争年底前全部完成整改")]],
  ["ZG-2026-020 预计下周完工", [P("ZG-2026-020", "预计下周完工")]],
  ["ZG-2026-021 明天完成", [P("ZG-2026-021", "明天完成")]],
  ["ZG-2026-021 马上就整改完了", [P("ZG-2026-021", "马上就整改完了")]],
  ["ZG-2026-021 即将完工", [P("ZG-2026-021", "即将完工")]],
  ["ZG-2026-022 还没完成，材料未到", [P("ZG-2026-022", "还没完成，材料未到")]],
  ["ZG-2026-022 尚未整改到位", [P("ZG-2026-022", "尚未整改到位")]],
  ["ZG-2026-022 没有完全整改完", [P("ZG-2026-022", "没有完全整改完")]],
  ["ZG-2026-023 整改不到位，继续推进", [P("ZG-2026-023", "整改不到位，继续推进")]],
  ["ZG-2026-023 出水仍未达标", [P("ZG-2026-023", "出水仍未达标")]],
  ["ZG-2026-023 暂未完成，正在协调资金", [P("ZG-2026-023", "暂未完成，正在协调资金")]],
  ["ZG-2026-024 一期已完工，二期正在施工", [P("ZG-2026-024", "一期已完工，二期正在施工")]],
  ["ZG-2026-024 已完成阶段性整改", [P("ZG-2026-024", "已完成阶段性整改")]],
  ["ZG-2026-024 初步完成清理", [P("ZG-2026-024", "初步完成清理")]],
  ["ZG-2026-025 部分完成", [P("ZG-2026-025", "部分完成")]],
  ["ZG-2026-025 已完成设备采购", [D("ZG-2026-025", "已完成设备采购")]],
  ["ZG-2026-025 已完成整改80%", [P("ZG-2026-025", "已完成整改80%", 80)]],
  ["ZG-2026-026 整改完成率90%", [P("ZG-2026-026", "整改完成率90%", 90)]],
  ["ZG-2026-026 已拆除完成五成", [P("ZG-2026-026", "已拆除完成五成", 50)]],
  ["ZG-2026-026 已完成清理，其余点位仍在整改", [P("ZG-2026-026", "已完成清理，其余点位仍在整改")]],
  ["ZG-2026-027 陆续清运中", [P("ZG-2026-027", "陆续清运中")]],
  ["ZG-2026-027 设备已进场", [P("ZG-2026-027", "设备已进场")]],
  ["ZG-2026-027 已开工", [P("ZG-2026-027", "已开工")]],
  ["ZG-2026-028 推进中", [P("ZG-2026-028", "推进中")]],
  ["ZG-2026-028 已完成方案编制，下一步招标", [P("ZG-2026-028", "已完成方案编制，下一步招标")]],
  ["ZG-2026-028 完成了吗", [P("ZG-2026-028", "完成了吗")]],
];

const FRAMED: Case[] = [
  ["【ZG-2026-029】已完成整改", [D("ZG-2026-029", "已完成整改")]],
  ["[ZG-2026-029] 已完成", [D("ZG-2026-029", "已完成")]],
  ["（ZG-2026-029）整改完毕", [D("ZG-2026-029", "整改完毕")]],
  ["“ZG-2026-029”已整改到位", [D("ZG-2026-029", "已整改到位")]],
  ["关于ZG-2026-030，整改已完成", [D("ZG-2026-030", "整改已完成")]],
  ["关于ZG-2026-030问题，已处置到位", [D("ZG-2026-030", "问题，已处置到位")]],
  ["关于ZG-2026-030的整改情况：已完成80%", [P("ZG-2026-030", "整改情况：已完成80%", 80)]],
  ["关于ZG-2026-031，目前正在施工", [P("ZG-2026-031", "目前正在施工")]],
  ["关于ZG-2026-031，已完成七成", [P("ZG-2026-031", "已完成七成", 70)]],
  ["关于ZG-2026-031的问题，已全部清理完毕", [D("ZG-2026-031", "问题，已全部清理完毕")]],
  ["报告：ZG-2026-032 已完成", [D("ZG-2026-032", "已完成")]],
  ["报告:ZG-2026-032整改完毕", [D("ZG-2026-032", "整改完毕")]],
  ["汇报：ZG-2026-032 进度60%", [P("ZG-2026-032", "进度60%", 60)]],
  ["汇报ZG-2026-033 已开工", [P("ZG-2026-033", "已开工")]],
  ["回复：ZG-2026-033 已整改", [D("ZG-2026-033", "已整改")]],
  ["反馈：ZG-2026-033 正在清运", [P("ZG-2026-033", "正在清运")]],
  ["水利局报：ZG-2026-034已整改完毕", [D("ZG-2026-034", "已整改完毕")]],
  ["区水利局报：ZG-2026-034 已完成", [D("ZG-2026-034", "已完成")]],
  ["区水利局关于ZG-2026-034整改情况：已完成", [D("ZG-2026-034", "整改情况：已完成")]],
  ["水利局反馈ZG-2026-035：正在施工，完成40%", [P("ZG-2026-035", "正在施工，完成40%", 40)]],
  ["现报告ZG-2026-035：已整改到位", [D("ZG-2026-035", "已整改到位")]],
  ["编号ZG-2026-035已完成整改", [D("ZG-2026-035", "编号ZG-2026-035已完成整改")]],
  ["问题ZG-2026-036已经搞定了", [D("ZG-2026-036", "问题ZG-2026-036已经搞定了")]],
  ["今天完成了ZG-2026-036的围挡安装", [P("ZG-2026-036", "今天完成了ZG-2026-036的围挡安装")]],
  ["各位领导，ZG-2026-036已整改到位", [D("ZG-2026-036", "各位领导，ZG-2026-036已整改到位")]],
  ["王科长，ZG-2026-037 已完成整改，请核实", [D("ZG-2026-037", "王科长，ZG-2026-037 已完成整改，请核实")]],
  ["@督办助手 ZG-2026-037 已完成", [D("ZG-2026-037", "已完成")]],
  ["@督办助手 关于ZG-2026-037，正在施工", [P("ZG-2026-037", "正在施工")]],
  ["ZG-2026-038：整改完毕。", [D("ZG-2026-038", "整改完毕。")]],
  ["ZG-2026-038，已整改完毕", [D("ZG-2026-038", "已整改完毕")]],
  ["ZG-2026-038号问题已整改完毕", [D("ZG-2026-038", "号问题已整改完毕")]],
  ["我单位ZG-2026-039已整改完成", [D("ZG-2026-039", "我单位ZG-2026-039已整改完成")]],
  ["经现场核查，ZG-2026-039已整改到位", [D("ZG-2026-039", "经现场核查，ZG-2026-039已整改到位")]],
  ["截至今天，ZG-2026-039完成60%", [P("ZG-2026-039", "截至今天，ZG-2026-039完成60%", 60)]],
  ["已完成整改：ZG-2026-040", [D("ZG-2026-040", "已完成整改：ZG-2026-040")]],
  ["整改进度：ZG-2026-040 完成一半", [P("ZG-2026-040", "整改进度：ZG-2026-040 完成一半", 50)]],
];

const SEVERAL: Case[] = [
  ["ZG-2026-041 ZG-2026-042 已完成", [D("ZG-2026-041", "已完成"), D("ZG-2026-042", "已完成")]],
  ["ZG-2026-041和ZG-2026-042均已完成整改", [D("ZG-2026-041", "均已完成整改"), D("ZG-2026-042", "均已完成整改")]],
  ["ZG-2026-041、ZG-2026-042已整改到位", [D("ZG-2026-041", "已整改到位"), D("ZG-2026-042", "已整改到位")]],
  ["ZG-2026-041，ZG-2026-042，ZG-2026-043 都已整改完毕", [D("ZG-2026-041", "都已整改完毕"), D("ZG-2026-042", "都已整改完毕"), D("ZG-2026-043", "都已整改完毕")]],
  ["ZG-2026-041/ZG-2026-042 正在施工", [P("ZG-2026-041", "正在施工"), P("ZG-2026-042", "正在施工")]],
  ["ZG-2026-041及ZG-2026-042已完成80%", [P("ZG-2026-041", "已完成80%", 80), P("ZG-2026-042", "已完成80%", 80)]],
  ["ZG-2026-041已完成，ZG-2026-042完成80%", [D("ZG-2026-041", "已完成"), P("ZG-2026-042", "完成80%", 80)]],
  ["ZG-2026-041 已整改完毕；ZG-2026-042 正在清运", [D("ZG-2026-041", "已整改完毕"), P("ZG-2026-042", "正在清运")]],
  ["ZG-2026-043：已完成\nZG-2026-044：完成一半\nZG-2026-045：未开工", [D("ZG-2026-043", "已完成"), P("ZG-2026-044", "完成一半", 50), P("ZG-2026-045", "未开工")]],
  ["ZG-3和ZG-4均已完成整改", [D("ZG-3", "均已完成整改"), D("ZG-4", "均已完成整改")]],
  ["ZG-5、ZG-6已整改到位", [D("ZG-5", "已整改到位"), D("ZG-6", "已整改到位")]],
  ["ZG-3 ZG-4 ZG-5 ZG-6 全部完成", [D("ZG-3", "全部完成"), D("ZG-4", "全部完成"), D("ZG-5", "全部完成"), D("ZG-6", "全部完成")]],
  ["关于ZG-2026-044和ZG-2026-045，均已整改完毕", [D("ZG-2026-044", "均已整改完毕"), D("ZG-2026-045", "均已整改完毕")]],
  ["报告：ZG-2026-044、ZG-2026-045 已完成", [D("ZG-2026-044", "已完成"), D("ZG-2026-045", "已完成")]],
  ["【ZG-2026-044】【ZG-2026-045】整改完成", [D("ZG-2026-044", "整改完成"), D("ZG-2026-045", "整改完成")]],
  ["ZG-2026-032 ZG-2026-033 已完成", [D("ZG-2026-032", "已完成"), D("ZG-2026-033", "已完成")]],
  ["ZG-2026-046、ZG-2026-046 已完成", [D("ZG-2026-046", "已完成")]],
  ["ZG-2026-046和ZG-2026-047都在施工中", [P("ZG-2026-046", "都在施工中"), P("ZG-2026-047", "都在施工中")]],
  ["ZG-2026-046已完成整改，ZG-2026-047尚未完成", [D("ZG-2026-046", "已完成整改"), P("ZG-2026-047", "尚未完成")]],
  ["关于ZG-2026-048、ZG-2026-049两个问题，已完成七成", [P("ZG-2026-048", "两个问题，已完成七成", 70), P("ZG-2026-049", "两个问题，已完成七成", 70)]],
];

const SEVERAL_UNITS: Case[] = [
  ["ZG-2026-050、ZG-2026-101已完成整改", [D("ZG-2026-050", "已完成整改")], ["ZG-2026-101"]],
  ["ZG-2026-101和ZG-2026-050均已整改到位", [D("ZG-2026-050", "均已整改到位")], ["ZG-2026-101"]],
  ["关于ZG-2026-050和ZG-2026-102，已完成", [D("ZG-2026-050", "已完成")], ["ZG-2026-102"]],
  ["ZG-2026-050 ZG-2026-101 ZG-2026-102 正在施工", [P("ZG-2026-050", "正在施工")], ["ZG-2026-101", "ZG-2026-102"]],
  ["ZG-2026-051已完成，ZG-2026-103完成一半", [D("ZG-2026-051", "已完成")], ["ZG-2026-103"]],
  ["ZG-2026-101、ZG-2026-102 已完成", [], ["ZG-2026-101", "ZG-2026-102"]],
];

const LOOSE_CODES: Case[] = [
  ["ZG2026013 已完成整改", [D("ZG-2026-013", "已完成整改")]],
  ["zg2026013已完成", [D("ZG-2026-013", "已完成")]],
  ["zg 2026-001 已完成", [D("ZG-2026-001", "已完成")]],
  ["ZG 2026 002 正在施工", [P("ZG-2026-002", "正在施工")]],
  ["ZG_2026_003 整改到位", [D("ZG-2026-003", "整改到位")]],
  ["ZG-2026003 已完成60%", [P("ZG-2026-003", "已完成60%", 60)]],
  ["ZG2026-004 已整改完毕", [D("ZG-2026-004", "已整改完毕")]],
  ["ZG.2026.005 已完成", [D("ZG-2026-005", "已完成")]],
  ["ZG－２０２６－００６ 已完成", [D("ZG-2026-006", "已完成")]],
  ["ＺＧ２０２６００７已完成", [D("ZG-2026-007", "已完成")]],
  ["关于zg2026008，已整改到位", [D("ZG-2026-008", "已整改到位")]],
  ["ZG2026009和ZG2026010均已完成", [D("ZG-2026-009", "均已完成"), D("ZG-2026-010", "均已完成")]],
  ["进度 ZG2026011 管网铺设60%", [P("ZG-2026-011", "管网铺设60%", 60)]],
  ["完成 zg2026012 已投运", [D("ZG-2026-012", "已投运")]],
  ["ZG-2026-014 2处已完成，剩余1处", [P("ZG-2026-014", "2处已完成，剩余1处")]],
  ["HB20260101 已完成", CHAT],
  ["HB-2026-0101 已完成", [D("HB-2026-0101", "已完成")]],
  ["ZG2026999 已完成", CHAT],
];

const CHAT_WITH_CODES: Case[] = [
  ["明天去看ZG-2026-001", CHAT],
  ["请问ZG-2026-001完成了吗？", CHAT],
  ["那个点位ZG-2026-001在哪里", CHAT],
  ["谁负责ZG-2026-002？", CHAT],
  ["下午开会讨论ZG-2026-002", CHAT],
  ["把ZG-2026-002的照片发一下", CHAT],
  ["大家注意ZG-2026-003的期限", CHAT],
  ["请尽快完成ZG-2026-003整改", CHAT],
  ["要抓紧把ZG-2026-003整改到位", CHAT],
  ["听说ZG-2026-004要延期？", CHAT],
  ["台账里ZG-2026-004在我这", CHAT],
  ["有人知道ZG-2026-004怎么样了吗", CHAT],
  ["刚才看了一下ZG-2026-005", CHAT],
  ["麻烦跟进一下ZG-2026-005", CHAT],
  ["我去现场看看ZG-2026-005", CHAT],
  ["今天ZG-2026-006什么时候能完成", CHAT],
  ["大家辛苦了，ZG-2026-006明天再说", CHAT],
  ["关于ZG-2026-006，有没有完成？", CHAT],
  ["请问ZG-2026-007整改进度如何", CHAT],
  ["能不能先看下ZG-2026-007", CHAT],
  ["请各单位关注ZG-2026-007", CHAT],
  ["听说百胜镇的ZG-2026-101已经整改完成了", CHAT],
  ["百胜镇的ZG-2026-102还没动", CHAT],
  ["王科长问ZG-2026-008进展怎么样", CHAT],
  ["周五之前要把ZG-2026-008的资料准备好", CHAT],
  ["提醒：ZG-2026-008下周到期", CHAT],
  ["ZG-2026-999 已完成", CHAT],
  ["关于ZG-2026-999，已完成整改", CHAT],
  ["PM10浓度又超标了", CHAT],
  ["PM2.5 今天162", CHAT],
  ["COD和NH3-N都达标了", CHAT],
  ["A4纸打印好了", CHAT],
  ["G318国道那边清理完了", CHAT],
  ["今天天气不错", CHAT],
  ["完成了吗？", CHAT],
  ["好的收到", CHAT],
  ["明天上午9点开会", CHAT],
  ["材料已经发到邮箱了", CHAT],
  ["我已经搞定了", CHAT],
  ["整改完成了，大家辛苦", CHAT],
];

const CODE_LED_KEEPS_ITS_RULES: Case[] = [
  ["ZG-2026-052 已完成80%", [P("ZG-2026-052", "已完成80%", 80)]],
  ["ZG-2026-052 未完成", [P("ZG-2026-052", "未完成")]],
  ["ZG-2026-052 没完成，还差验收", [P("ZG-2026-052", "没完成，还差验收")]],
  ["ZG-2026-053 是否已整改?", [P("ZG-2026-053", "是否已整改？")]],
  ["ZG-2026-053 已完成了吗？", [P("ZG-2026-053", "已完成了吗？")]],
  ["ZG-2026-053 完成了", [D("ZG-2026-053", "完成了")]],
  ["ZG-2026-054 整改完毕，已验收", [D("ZG-2026-054", "整改完毕，已验收")]],
  ["ZG-2026-054 已整改完毕，出水达标", [D("ZG-2026-054", "已整改完毕，出水达标")]],
  ["ZG-2026-054 明天去现场", [P("ZG-2026-054", "明天去现场")]],
  ["ZG-2026-055 设备下周到货", [P("ZG-2026-055", "设备下周到货")]],
  ["进度 ZG-2026-055 推进中", [P("ZG-2026-055", "推进中")]],
  ["进度：ZG-2026-055，管网60%", [P("ZG-2026-055", "管网60%", 60)]],
  ["完成：ZG-2026-056 已投运", [D("ZG-2026-056", "已投运")]],
  ["完成 ZG-2026-056", [D("ZG-2026-056", "报告整改完成")]],
  ["进度 ZG-2026-056 完成七成", [P("ZG-2026-056", "完成七成", 70)]],
  ["#进度 ZG-2026-057 已开挖", [P("ZG-2026-057", "已开挖")]],
  ["ZG-2026-057 已完成，照片见群", [D("ZG-2026-057", "已完成，照片见群")]],
  ["zg-2026-057 整改完成", [D("ZG-2026-057", "整改完成")]],
  ["ZG-2026-058 完成 100%", [D("ZG-2026-058", "完成 100%")]],
  ["ZG-2026-058 已办结", [D("ZG-2026-058", "已办结")]],
  ["ZG-2026-058 请督查室核实，已整改", [D("ZG-2026-058", "请督查室核实，已整改")]],
  ["ZG-2026-059 整改中，预计月底完成", [P("ZG-2026-059", "整改中，预计月底完成")]],
  ["ZG-2026-059 已完成清运工作量的四成", [P("ZG-2026-059", "已完成清运工作量的四成", 40)]],
  ["ZG-2026-059 今天完成了第二批清运", [P("ZG-2026-059", "今天完成了第二批清运")]],
  ["ZG-2026-060 已于昨日清理完毕", [D("ZG-2026-060", "已于昨日清理完毕")]],
  ["ZG-2026-060 11月底已完成整改", [D("ZG-2026-060", "11月底已完成整改")]],
  ["ZG-2026-060 争取12月10日前整改到位", [P("ZG-2026-060", "争取12月10日前整改到位")]],
];

const CORPUS: [string, Case[]][] = [
  ["the issue's 36 replies", ISSUE_SET],
  ["colloquial completion", COLLOQUIAL_DONE],
  ["partial and planned work, percentages in words", PARTIAL_AND_PLANNED],
  ["bracketed and prefixed codes", FRAMED],
  ["several codes", SEVERAL],
  ["several units' codes", SEVERAL_UNITS],
  ["codes without their separators", LOOSE_CODES],
  ["chat that names codes", CHAT_WITH_CODES],
  ["messages led by a code or a command word", CODE_LED_KEEPS_ITS_RULES],
];

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.create();
  const r = await importLedger(bot.app.store, LEDGER, { actor: "test", now: bot.clock.now() });
  expect(r).toMatchObject({ created: LEDGER.length });
  await bot.say("王科长", WATER, "绑定 区水利局");
  await bot.say("王科长", "百胜镇群", `绑定 ${TOWN}`);
}, 30_000);
afterAll(async () => bot.close());

interface Miss {
  text: string;
  why: string;
}

/** Runs one case from a fresh 未开始 ledger; returns what went wrong, and whether it was a false completion. */
async function run([text, outcomes, notTheirs = []]: Case): Promise<{ miss: Miss | null; falseCompletion: boolean }> {
  const { store } = bot.app;
  await store.$executeRaw`UPDATE "Issue" SET "state" = 'NOT_STARTED', "lastReportText" = NULL, "lastReportAt" = NULL, "progressPct" = NULL, "claimedAt" = NULL`;
  const msg = bot.message("张三", WATER, text);
  const before = bot.sent.length;
  await bot.deliver(msg);
  const toGroup = bot.sent.slice(before).filter((s) => s.to === WATER);
  const changed = await store.issue.findMany({ where: { state: { not: "NOT_STARTED" } }, orderBy: { code: "asc" } });
  const recorded = await store.issueEvent.count({ where: { messageId: msg.id } });
  const expected = [...outcomes].sort((a, b) => a.code.localeCompare(b.code));
  const got = changed.map((i) => ({
    code: i.code,
    state: i.state,
    note: i.lastReportText,
    ...(i.progressPct === null ? {} : { percent: i.progressPct }),
  }));
  const falseCompletion = changed.some((i) => i.state === "PENDING_VERIFICATION" && !outcomes.some((o) => o.code === i.code && o.state === i.state));
  const silent = outcomes.length === 0 && notTheirs.length === 0;
  let why: string | null = null;
  if (JSON.stringify(got) !== JSON.stringify(expected)) why = `store ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`;
  else if (recorded !== outcomes.length) why = `${recorded} events for ${outcomes.length} reports`;
  else if (silent && toGroup.length > 0) why = `answered chat: ${toGroup[0]!.text}`;
  else if (!silent && toGroup.length !== 1) why = `${toGroup.length} replies`;
  else if (notTheirs.length > 0 && !notTheirs.every((c) => toGroup[0]!.text.includes(c) && toGroup[0]!.text.includes("不属于本单位"))) {
    why = `reply does not name ${notTheirs.join("、")} as not theirs: ${toGroup[0]!.text}`;
  }
  return { miss: why ? { text, why } : null, falseCompletion };
}

const results = new Map<string, { cases: number; misses: Miss[]; falseCompletions: number }>();

describe("replies as people write them, recorded in the store", () => {
  it.each(CORPUS)("%s", async (name, cases) => {
    const misses: Miss[] = [];
    let falseCompletions = 0;
    for (const c of cases) {
      const r = await run(c);
      if (r.miss) misses.push(r.miss);
      if (r.falseCompletion) falseCompletions++;
    }
    results.set(name, { cases: cases.length, misses, falseCompletions });
    expect(misses).toEqual([]);
    expect(falseCompletions).toBe(0);
  });

  it("covers at least 200 phrasings, the issue's 36 among them", () => {
    const total = CORPUS.reduce((n, [, cases]) => n + cases.length, 0);
    expect(ISSUE_SET).toHaveLength(36);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(new Set(CORPUS.flatMap(([, cases]) => cases.map((c) => c[0]))).size).toBeGreaterThan(200);
  });
});

describe("what the sender and the admins are told", () => {
  it("several codes get one reply; the admins one notice", async () => {
    const before = bot.sent.length;
    await run(["ZG-2026-041 ZG-2026-042 已完成", [D("ZG-2026-041", "已完成"), D("ZG-2026-042", "已完成")]]);
    const sent = bot.sent.slice(before);
    expect(sent.map((s) => [s.to, s.text])).toEqual([
      [WATER, "已收到 ZG-2026-041、ZG-2026-042 整改完成报告，状态改为待核实，督查室将现场核实后销号。可补发现场照片作为佐证。"],
      ["@王科长", "【待核实】区水利局 张三 报 2 个问题整改完成：\nZG-2026-041、ZG-2026-042：已完成\n核实后回复：核实 <编号> 通过，或 核实 <编号> 退回 <理由>"],
    ]);
  });

  it("a mixed report says what was recorded and which codes are another unit's", async () => {
    await bot.app.store.$executeRaw`UPDATE "Issue" SET "state" = 'NOT_STARTED'`;
    const [answer] = await bot.say("张三", WATER, "ZG-2026-051已完成，ZG-2026-052完成80%，ZG-2026-101完成一半");
    expect(answer).toBe(
      [
        "已收到 ZG-2026-051 整改完成报告，状态改为待核实，督查室将现场核实后销号。可补发现场照片作为佐证。",
        "已记录 ZG-2026-052 进度（80%）。整改时限12月20日，剩19天。",
        "以下编号不属于本单位，未记录：ZG-2026-101（百胜镇人民政府）",
      ].join("\n"),
    );
  });

  it("one code already 待核实 is said in the reply and does not stop the others", async () => {
    await bot.app.store.$executeRaw`UPDATE "Issue" SET "state" = 'NOT_STARTED'`;
    await bot.app.store.$executeRaw`UPDATE "Issue" SET "state" = 'PENDING_VERIFICATION' WHERE "code" = 'ZG-2026-043'`;
    const [answer] = await bot.say("张三", WATER, "ZG-2026-043、ZG-2026-044 已整改完毕");
    expect(answer).toContain("已收到 ZG-2026-044 整改完成报告");
    expect(answer).toContain("ZG-2026-043 已报完成，正在等待督查室核实");
    expect((await bot.app.store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-044" } })).state).toBe("PENDING_VERIFICATION");
  });

  it("staff naming a unit's code inside a message are not the unit reporting", async () => {
    await bot.app.store.$executeRaw`UPDATE "Issue" SET "state" = 'NOT_STARTED'`;
    expect(await bot.say("王科长", WATER, "关于ZG-2026-001，已完成整改的请上传照片")).toEqual([]);
    expect((await bot.app.store.issue.findUniqueOrThrow({ where: { code: "ZG-2026-001" } })).state).toBe("NOT_STARTED");
  });

  it("asked directly about one of its issues, the bot shows it", async () => {
    const [card] = await bot.say("张三", WATER, "@督办助手 请问ZG-2026-001现在什么情况？");
    expect(card).toContain("ZG-2026-001 ZG-2026-001 岸线堆放建筑垃圾");
  });
});
