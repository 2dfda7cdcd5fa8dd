import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type ScenarioRun } from "../support/run-scenario.ts";

describe("scenario: problems in from chat (scenarios/intake.txt)", () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario("intake.txt");
  });
  const said = (where: string, text: string) => run.said(where, text);

  it("runs cleanly", () => {
    expect(run.code).toBe(0);
    expect(run.err).toEqual(["@import ../../../demo/ledger-sample.csv：导入完成：新增 10 条，更新 0 条，未变 0 条，新建单位 9 个"]);
  });

  it("交办: the admin gets the code, the unit's group the notice, and a quoted 收到 acknowledges it", () => {
    expect(said("@王科长", "已交办 DB-2026-001 给区水利局，整改时限12月31日；交办通知已发往区水利局工作群。")).toHaveLength(1);
    expect(said("区水利局工作群", "【交办通知】DB-2026-001\n区水利局：督查室交办问题一件")).toHaveLength(1);
    expect(said("区水利局工作群", "已签收 DB-2026-001，整改时限12月31日。")).toHaveLength(1);
    expect(said("区水利局工作群", "交办日期：12月1日（已签收 12-01 10:00）")).toHaveLength(1);
  });

  it("交办 to a unit that does not exist names the closest units", () => {
    expect(said("@王科长", "未找到单位“区水力局”。您要找的是不是：区水利局？")).toHaveLength(1);
  });

  it("自查 from a unit's group: the code, and the admins told", () => {
    expect(said("区水利局工作群", "已登记自查问题 DB-2026-003，整改时限12月31日。")).toHaveLength(1);
    expect(said("@王科长", "【自查】区水利局 张三 登记自查问题 DB-2026-003：厂区雨污管网混接")).toHaveLength(1);
  });

  it("驳回延期: the unit is told why and that the deadline stands", () => {
    expect(said("区水利局工作群", "ZG-2026-003 延期申请未获批准，理由：理由不充分；请按原时限12月5日完成。")).toHaveLength(1);
  });

  it("逾期 中央环保督察 lists the central inspection's overdue issues", () => {
    expect(said("@王科长", "逾期问题（来源：中央环保督察） 1 个：\n1. ZG-2026-001")).toHaveLength(1);
  });

  it("the next working day: 未签收 in the digest by unit, and in the unit's 09:00 reminder; the acknowledged one is not", () => {
    const digest = said("领导群", "【整改日报】12月2日");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain("交办未签收 1 个：\n· 百胜镇人民政府 1 个");
    expect(digest[0]!.text).toContain("报进度 0 条（0 个单位），新交办 2 个，自查发现 1 个。");
    // 12月1日's reminders went out at 09:00, before the 交办: nothing is 未签收 on the day itself.
    const first = said("百胜镇群", "【整改提醒】百胜镇人民政府 12月1日");
    expect(first).toHaveLength(1);
    expect(first[0]!.text).not.toContain("未签收");
    const town = said("百胜镇群", "【整改提醒】").at(-1);
    expect(town!.time).toMatch(/^2026-12-02T09:0/);
    expect(town!.text).toContain("交办未签收 1 个：\n1. DB-2026-002 镇区餐饮油烟直排｜12月1日交办，12月20日到期");
    expect(run.lines.filter((l) => l.text.includes("交办未签收") && l.room === "区水利局工作群")).toEqual([]);
  });
});
