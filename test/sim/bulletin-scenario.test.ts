import { beforeAll, describe, expect, it } from "vitest";
import { runScenario, type ScenarioRun } from "../support/run-scenario.ts";

describe("scenario: the weekly 情况通报 (scenarios/bulletin.txt)", () => {
  let run: ScenarioRun;
  beforeAll(async () => {
    run = await runScenario("bulletin.txt");
  });

  it("runs cleanly", () => {
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
  });

  it("an admin gets it privately as a Word file; a group is told to ask privately", () => {
    expect(run.said("领导群", "情况通报不在群里发送，请私聊督办助手发送“通报”。")).toHaveLength(1);
    const asked = run.lines.filter((l) => l.to === "王科长" && l.time.startsWith("2026-12-02"));
    expect(asked.map((l) => l.text)).toEqual([
      "督办通报〔2026〕1号（11月30日至12月2日）：问题共2个，在办1个，其中逾期0个；本周销号0个，下发督办单1份。Word 文件见下条。",
      "[文件] 督办通报〔2026〕1号.docx",
    ]);
  });

  it("the weekly job sends it on Friday at 16:00 under the week's number", () => {
    const friday = run.lines.filter((l) => l.to === "王科长" && l.time.startsWith("2026-12-04T16:00"));
    expect(friday.map((l) => l.text)).toEqual([
      "督办通报〔2026〕1号（11月30日至12月4日）：问题共2个，在办1个，其中逾期1个；本周销号0个，下发督办单2份。Word 文件见下条。",
      "[文件] 督办通报〔2026〕1号.docx",
    ]);
  });
});
