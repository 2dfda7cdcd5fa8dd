import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimulation } from "../../src/sim/run-simulation.ts";
import { tempDir } from "./helpers.ts";
import { simulatorEnv } from "../support/test-database.ts";

interface Line {
  time: string;
  room: string | null;
  to: string | null;
  text: string;
}

// The week of 2026-10-05: Mon-Wed are 国庆 holidays, Thu-Fri working days, Saturday 10-10
// a 调休 working day, Sunday off.
const LEDGER = `编号,问题描述,责任单位,整改时限,整改状态
ZG-1,乡镇污水处理站出水超标,区水利局,2026-09-30,整改中
ZG-2,河道两岸垃圾清理,区水利局,2026-10-09,未开始
ZG-3,榨菜废水直排,百胜镇人民政府,2026-12-31,整改中
ZG-4,建筑垃圾堆放,区城管局,2026-10-10,整改中
`;

const SCRIPT = `@env DUBAN_ADMINS=王科长
@env DUBAN_DIGEST_FORMAT=text
@env DUBAN_REVIEW_DAYS=1
@now 2026-10-05 10:00
@import ledger.csv
王科长 @ 区水利局工作群: 绑定 区水利局
王科长 @ 百胜镇群: 绑定 百胜镇人民政府
王科长 @ 城管局群: 绑定 区城管局
王科长 @ 领导群: 绑定 领导
@now 2026-10-08 10:00
李四 @ 城管局群: ZG-4 已完成
王科长: 核实 ZG-4 通过
@now 2026-10-09 10:00
王科长: 回头看 ZG-4 合格
@now 2026-10-11 12:00
`;

const JOB = /^【(整改日报|整改提醒|整改周排名|回头看提醒)】/;

describe("the scheduler in the simulator, over a week with 国庆 and a 调休 Saturday", () => {
  let lines: Line[];
  let jobs: { day: string; hhmm: string; where: string; kind: string; text: string }[];
  let code: number;
  let err: string[];
  const { dir, cleanup } = tempDir("schedule-sim");
  afterAll(cleanup);

  beforeAll(async () => {
    writeFileSync(path.join(dir, "ledger.csv"), LEDGER);
    const file = path.join(dir, "week.txt");
    writeFileSync(file, SCRIPT);
    const out: string[] = [];
    err = [];
    code = await runSimulation(file, { json: true, out: (l) => out.push(l), err: (l) => err.push(l), env: simulatorEnv() });
    lines = out.map((l) => JSON.parse(l) as Line);
    jobs = lines.flatMap((l) => {
      const m = JOB.exec(l.text);
      return m ? [{ day: l.time.slice(0, 10), hhmm: l.time.slice(11, 16), where: l.room ?? `@${l.to}`, kind: m[1]!, text: l.text }] : [];
    });
  });

  it("runs the script cleanly", () => {
    expect(code).toBe(0);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^@import ledger\.csv：.*4/); // the import's own summary
  });

  it("sends nothing on the holidays or the Sunday; each working day, the digest at 08:30 then the 09:00 jobs", () => {
    expect(jobs.map((j) => `${j.day} ${j.hhmm} ${j.where} ${j.kind}`)).toEqual([
      "2026-10-08 08:30 领导群 整改日报",
      "2026-10-08 09:00 领导群 整改周排名", // the leaders' groups go first
      "2026-10-08 09:00 区水利局工作群 整改提醒",
      "2026-10-08 09:00 城管局群 整改提醒",
      "2026-10-09 08:30 领导群 整改日报",
      "2026-10-09 09:00 区水利局工作群 整改提醒",
      "2026-10-09 09:00 @王科长 回头看提醒",
      "2026-10-10 08:30 领导群 整改日报", // the 调休 Saturday
      "2026-10-10 09:00 区水利局工作群 整改提醒",
    ]);
    expect(lines.every((l) => l.time.endsWith("+08:00"))).toBe(true);
  });

  it("reminds only units with something to say, from 09:00, one message per unit", () => {
    const reminders = jobs.filter((j) => j.kind === "整改提醒").map((j) => `${j.day} ${j.where}`);
    expect(reminders).toEqual([
      "2026-10-08 区水利局工作群", // ZG-1 overdue, ZG-2 due tomorrow
      "2026-10-08 城管局群", // ZG-4 due Saturday
      "2026-10-09 区水利局工作群", // 城管局 has claimed completion meanwhile
      "2026-10-10 区水利局工作群",
    ]);
    expect(jobs.filter((j) => j.kind === "整改提醒").every((j) => j.hhmm >= "09:00")).toBe(true);
    const water = jobs.find((j) => j.kind === "整改提醒")!.text;
    expect(water).toContain("1. 【督办】ZG-1 乡镇污水处理站出水超标｜逾期8天");
    expect(water).toContain("2. ZG-2 河道两岸垃圾清理｜10月9日到期，剩1个工作日");
    expect(water).toContain("回复：进度 <编号> <说明>，或 <编号> 已完成");
    expect(jobs.find((j) => j.where === "城管局群")!.text).toContain("ZG-4 建筑垃圾堆放｜10月10日到期，剩2个工作日");
  });

  it("ranks units on the first working day of the week only", () => {
    const ranking = jobs.filter((j) => j.kind === "整改周排名");
    expect(ranking.map((j) => `${j.day} ${j.where}`)).toEqual(["2026-10-08 领导群"]);
    expect(ranking[0]!.text).toContain("1. 区水利局｜按期率0%（0/1），逾期1个，响应率0%（0/2）");
  });

  it("reports yesterday's changes in the next digest", () => {
    const digest = jobs.find((j) => j.day === "2026-10-09" && j.kind === "整改日报")!.text;
    expect(digest).toContain("10-08 08:30日报以来：报完成 1 个，销号 1 个");
  });

  it("sends the due 回头看 to the admin by private message until it is recorded", () => {
    expect(jobs.filter((j) => j.kind === "回头看提醒").map((j) => `${j.day} ${j.where}`)).toEqual(["2026-10-09 @王科长"]);
  });
});
