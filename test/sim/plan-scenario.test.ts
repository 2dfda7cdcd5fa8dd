import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type ScenarioRun } from "../support/run-scenario.ts";

describe("scenario: a plan set in chat, a milestone missed and done (scenarios/plan.txt)", () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario("plan.txt");
  });
  const said = (where: string, text: string) => run.said(where, text);

  it("runs cleanly", () => {
    expect(run.code).toBe(0);
  });

  it("the plan, one milestone a line, is answered with its steps and shown by 查询", () => {
    expect(said("白涛群", "ZG-2026-005 整改方案已登记，共 3 个节点：\n1. 12月3日 完成泄漏点排查\n2. 12月20日 安装在线监测\n3. 2027年1月10日 第三方检测验收\n")).toHaveLength(1);
    expect(said("白涛群", "整改节点（已完成 0/3）：\n1. 12月3日 完成泄漏点排查（未到期）")).toHaveLength(1);
  });

  it("the missed milestone lights the issue yellow: a yellow 督办单 in the next morning's reminder, and 查询 says why", () => {
    const reminder = said("白涛群", "【整改提醒】白涛化工园区管委会 12月4日");
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.text).toContain("【黄色督办单】");
    expect(reminder[0]!.text).toContain("节点1“完成泄漏点排查”12月3日逾期");
    expect(said("白涛群", "1. 12月3日 完成泄漏点排查（逾期1天）")).toHaveLength(1);
  });

  it("marked done late, the issue is green again; a step after the deadline is refused with the advice to ask for 延期", () => {
    expect(said("白涛群", "已记录：ZG-2026-005 节点1“完成泄漏点排查”已完成（共 3 个节点，已完成 1 个）。")).toHaveLength(1);
    expect(said("白涛群", "节点“2027年1月30日 验收”晚于整改时限（2027年1月15日）\n节点须在整改时限之前；确需推迟的，请先申请延期：延期 ZG-2026-005 <日期> <理由>")).toHaveLength(1);
    const card = run.lines.filter((l) => l.room === "白涛群" && l.text.startsWith("ZG-2026-005 化工园区")).at(-1)!;
    expect(card.time).toContain("2026-12-07");
    expect(card.text).toContain("亮灯：绿灯");
    expect(card.text).toContain("整改节点（已完成 1/3）：\n1. 12月3日 完成泄漏点排查 ✔已完成");
  });
});
