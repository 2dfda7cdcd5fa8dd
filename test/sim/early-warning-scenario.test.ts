import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type ScenarioRun, type SimLine } from "../support/run-scenario.ts";

describe("scenario: plans, lights and 督办单 over three weeks (scenarios/early-warning.txt)", () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario("early-warning.txt");
  });
  const said = (where: string, text: string) => run.said(where, text);
  const at = (l: SimLine) => l.time.slice(0, 16);
  const WATER = "区水利局工作群";

  it("runs cleanly", () => {
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
  });

  it("序时进度 lag with no milestones: a yellow 督办单 at the top of the next reminder, and why on 查询", () => {
    const reminder = said(WATER, "【黄色督办单】督〔2026〕1号 DB-2026-002");
    expect(reminder.map(at)).toEqual(["2026-12-04T09:00"]);
    expect(reminder[0]!.text.split("\n").slice(0, 2)).toEqual([
      "【整改提醒】区水利局 12月4日（周五）",
      "【黄色督办单】督〔2026〕1号 DB-2026-002 北岸排污口整治｜序时进度 27%，报送 5%，滞后 22 个百分点",
    ]);
    expect(said(WATER, "亮灯：黄灯（序时进度 27%，报送 5%，滞后 22 个百分点）")).toHaveLength(1);
    // The 督办单 is issued once; the lag stays in the unit's reminder every morning it lasts.
    const lagging = said(WATER, "进度滞后 1 个：\n1. DB-2026-002 北岸排污口整治｜序时进度");
    expect(lagging.map(at)).toEqual(["2026-12-04T09:00", "2026-12-07T09:00"]);
    expect(lagging[1]!.text).toContain("｜序时进度 55%，报送 5%，滞后 50 个百分点");
  });

  it("a plan set in chat, a milestone missed: yellow in the next morning's reminder; marked done, green again", () => {
    expect(said(WATER, "DB-2026-001 整改方案已登记，共 3 个节点：")).toHaveLength(1);
    const missed = said(WATER, "【黄色督办单】督〔2026〕3号 DB-2026-001 城南河道沿岸堆放建筑垃圾｜节点1“完成设备采购”12月10日逾期");
    expect(missed.map(at)).toEqual(["2026-12-11T09:00"]);
    expect(said(WATER, "亮灯：黄灯（节点1“完成设备采购”12月10日逾期）")).toHaveLength(1);
    expect(said(WATER, "已记录：DB-2026-001 节点1“完成设备采购”已完成（共 3 个节点，已完成 1 个）。")).toHaveLength(1);
    const after = said(WATER, "1. 12月10日 完成设备采购 ✔已完成");
    expect(after).toHaveLength(1);
    expect(after[0]!.text).toContain("亮灯：绿灯\n");
  });

  it("the deadline passed: a red 督办单 listed in that morning's digest, and no other", () => {
    const digests = said("领导群", "新发红色督办单");
    expect(digests.map(at)).toEqual(["2026-12-14T08:30"]);
    expect(digests[0]!.text).toContain("新发红色督办单 1 份：\n· 督〔2026〕4号 DB-2026-002 区水利局｜逾期3天");
    expect(said(WATER, "【红色督办单】督〔2026〕4号 DB-2026-002 北岸排污口整治｜逾期3天").map(at)).toEqual(["2026-12-14T09:00"]);
  });

  it("never twice the same colour: overdue again after an extension, DB-2026-002 gets no second red one", () => {
    expect(said("领导群", "督办单：督〔2026〕1号（黄）、督〔2026〕2号（蓝）、督〔2026〕4号（红）").map(at)).toEqual(["2026-12-14T10:00", "2026-12-17T10:00"]);
    expect(run.lines.filter((l) => /【红色督办单】/.test(l.text))).toHaveLength(1);
  });

  it("the register lists the year's 督办单, newest first", () => {
    const register = said("领导群", "2026年督办单 4 份（红 1，黄 2，蓝 1）：");
    expect(register).toHaveLength(1);
    expect(register[0]!.text.split("\n").slice(1)).toEqual([
      "督〔2026〕4号 红 DB-2026-002 区水利局 12月14日｜逾期3天",
      "督〔2026〕3号 黄 DB-2026-001 区水利局 12月11日｜节点1“完成设备采购”12月10日逾期",
      "督〔2026〕2号 蓝 DB-2026-002 区水利局 12月8日｜12月11日到期",
      "督〔2026〕1号 黄 DB-2026-002 区水利局 12月4日｜序时进度 27%，报送 5%，滞后 22 个百分点",
    ]);
  });
});
