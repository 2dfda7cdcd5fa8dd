import { describe, expect, it } from "vitest";
import { describeChanges, diffFields, type LedgerFields } from "../../src/ledger/issue-changes.ts";

const base: LedgerFields = {
  description: "污水直排",
  unitId: 1,
  deadline: "2026-12-05",
  assignedOn: null,
  source: "暗访暗查",
  category: "水",
  coUnits: "",
  leader: "周副区长",
  measures: "截污纳管",
  state: "NOT_STARTED",
  dailyReport: false,
};
const units = new Map([
  [1, "区水利局"],
  [2, "区城管局"],
]);
const name = (id: number) => units.get(id) ?? "?";

describe("describeChanges", () => {
  it.each<[string, Partial<LedgerFields>, string]>([
    ["nothing", {}, ""],
    ["deadline and state", { deadline: "2026-12-20", state: "IN_PROGRESS" }, "整改时限 2026-12-05→2026-12-20；整改状态 未开始→整改中"],
    ["unit by name", { unitId: 2 }, "责任单位 区水利局→区城管局"],
    ["empty before", { coUnits: "区环保局" }, "配合单位 （空）→区环保局"],
    ["empty after", { measures: "" }, "整改措施 截污纳管→（空）"],
    ["closed", { state: "CLOSED" }, "整改状态 未开始→已销号"],
    ["long text is clipped", { description: "很".repeat(50) }, `问题描述 污水直排→${"很".repeat(40)}…`],
    ["每日报送 as 是/否", { dailyReport: true }, "每日报送 否→是"],
    ["fields in ledger order", { leader: "李副区长", source: "群众投诉", category: "气" }, "问题来源 暗访暗查→群众投诉；问题类别 水→气；责任领导 周副区长→李副区长"],
  ])("%s", (_n, change, text) => {
    expect(describeChanges(diffFields(base, { ...base, ...change }), name)).toBe(text);
  });
});
