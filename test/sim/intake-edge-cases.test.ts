// Intake as people actually answer: end to end through the simulator, as a held-out scenario would.
import { mkdtempSync, copyFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSimulation } from "../../src/sim/run-simulation.ts";
import { SAMPLE_LEDGER } from "../support/test-app.ts";
import { simulatorEnv } from "../support/test-database.ts";

async function simulate(script: string, dir = mkdtempSync(path.join(os.tmpdir(), "duban-intake-"))) {
  copyFileSync(SAMPLE_LEDGER, path.join(dir, "ledger.csv"));
  const file = path.join(dir, "s.txt");
  writeFileSync(file, script);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSimulation(file, { json: false, filesDir: path.join(dir, "out"), out: (l) => out.push(l), err: (l) => err.push(l), env: simulatorEnv() });
  return { code, out, err, dir };
}

const SETUP = `@env DUBAN_ADMINS=王科长
@now 2026-12-01 08:00
@import ledger.csv
王科长 @ 区水利局工作群: 绑定 区水利局
`;
const quote = (code: string, reply: string) =>
  `「督办助手：【交办通知】${code}\\n区水利局：督查室交办问题一件，请抓紧整改。」\\n- - - - - - - - - - - - - - -\\n${reply}`;

describe("intake edge cases", () => {
  it("a quoted 收到 followed by more words is 签收, not progress", async () => {
    const { out } = await simulate(`${SETUP}王科长: 交办 区水利局 2026-12-31 问题甲\n张三 @ 区水利局工作群: ${quote("DB-2026-001", "收到，马上安排")}\n`);
    expect(out.filter((l) => l.includes("已签收 DB-2026-001"))).toHaveLength(1);
    expect(out.filter((l) => l.includes("已记录 DB-2026-001 进度"))).toHaveLength(0);
  });

  it("more members' 收到 to an acknowledged notice get no answer", async () => {
    const { out } = await simulate(
      `${SETUP}王科长: 交办 区水利局 2026-12-31 问题甲\n张三 @ 区水利局工作群: ${quote("DB-2026-001", "收到")}\n李四 @ 区水利局工作群: ${quote("DB-2026-001", "收到")}\n`,
    );
    const group = out.filter((l) => l.includes("] 区水利局工作群: ") && !l.includes("【交办通知】") && !l.includes("已绑定"));
    expect(group).toEqual([expect.stringContaining("已签收 DB-2026-001")]);
  });

  it("交办 to an unknown unit names the closest units", async () => {
    const { out } = await simulate(`${SETUP}王科长: 交办 区住建委 12月31日 问题\n`);
    expect(out.at(-1)).toContain("最接近的单位：区住房城乡建委");
  });

  it("逾期 <单位名> does not answer a false 没有逾期问题", async () => {
    const { out } = await simulate(`${SETUP}王科长: 逾期 百胜镇人民政府\n`);
    expect(out.at(-1)).not.toContain("目前没有逾期问题");
  });
});
