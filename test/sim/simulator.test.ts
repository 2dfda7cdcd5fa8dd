import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runSimulation } from "../../src/sim/run-simulation.ts";
import { parseDuration, parseScript } from "../../src/sim/parse-script.ts";
import { SAMPLE_LEDGER } from "../support/test-app.ts";
import { simulatorEnv } from "../support/test-database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function scriptDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "duban-simtest-"));
  copyFileSync(SAMPLE_LEDGER, path.join(dir, "ledger.csv"));
  return dir;
}

async function simulate(script: string, json = false, files: Record<string, string | Buffer> = {}, filesDir?: (dir: string) => string) {
  const dir = scriptDir();
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  const file = path.join(dir, "s.txt");
  writeFileSync(file, script);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSimulation(file, { json, filesDir: filesDir?.(dir), out: (l) => out.push(l), err: (l) => err.push(l), env: simulatorEnv() });
  return { code, out, err, dir };
}

const SETUP = `@env DUBAN_ADMINS=王科长
@now 2026-12-01 08:00
@import ledger.csv
王科长 @ 区水利局工作群: 绑定 区水利局
王科长 @ 领导群: 绑定 领导
`;

describe("script parsing", () => {
  it("reads every line form", () => {
    const { steps, errors } = parseScript(
      "# c\n\n@env A=1\n@now 2026-12-01 08:00\n@wait 90m\n@import l.csv\n@topic 甲群 乙群\n张三 @ 甲群: 进度 X-1 a\\nb\n张三: 查询 X-1\n张三 @ 甲群: [图片] a.jpg\n",
    );
    expect(errors).toEqual([]);
    expect(steps.map((s) => s.kind)).toEqual(["env", "now", "wait", "import", "topic", "say", "say", "image"]);
    expect(steps[5]).toMatchObject({ sender: "张三", room: "甲群", text: "进度 X-1 a\nb", line: 8 });
    expect(steps[6]).toMatchObject({ sender: "张三", room: null, text: "查询 X-1" });
  });
  it.each([
    ["90m", 5_400_000],
    ["2h", 7_200_000],
    ["3d", 259_200_000],
    ["1h30m", 5_400_000],
    ["soon", null],
  ])("@wait %s", (text, ms) => expect(parseDuration(text)).toBe(ms));
  it("reports problems with line numbers", () => {
    expect(parseScript("@now 2026-12-01 08:00\n@wait forever\n@frobnicate\n这一行没有冒号").errors).toEqual([
      "第2行：@wait 应写成 90m、2h 或 3d：@wait forever",
      "第3行：无法识别的指令 @frobnicate：@frobnicate",
      "第4行：无法识别，应为“姓名 @ 群名: 内容”或“姓名: 内容”：这一行没有冒号",
    ]);
  });
});

describe("the simulator (docs/simulator.md)", () => {
  it("prints one line per delivered message, in text mode", async () => {
    const { code, out, err } = await simulate(`${SETUP}张三 @ 区水利局工作群: 进度 ZG-2026-003 管网铺设60%\n张三 @ 区水利局工作群: 今天开会吗\n张三: 清单\n`);
    expect(code).toBe(0);
    expect(err).toEqual(["@import ledger.csv：导入完成：新增 10 条，更新 0 条，未变 0 条，新建单位 9 个"]);
    expect(out).toEqual([
      "[2026-12-01 08:00] 区水利局工作群: 本群已绑定为“区水利局”工作群，现有未销号问题 1 个。每个工作日09:00推送到期和逾期提醒；发送“帮助”查看报送方法。",
      "[2026-12-01 08:00] 领导群: 本群已设为领导群，每个工作日08:30推送整改日报；可发送“统计”随时查看。",
      "[2026-12-01 08:00] 区水利局工作群: 已记录 ZG-2026-003 进度（60%）。整改时限12月5日，剩4天。",
      "[2026-12-01 08:00] @张三: 区水利局未销号问题 1 个：\\n1. ZG-2026-003 乡镇污水处理站运行不正常出水超标｜剩4天\\n报进度：进度 <编号> <说明>；报完成：完成 <编号> <说明>",
    ]);
  });

  it("--json gives time with offset, room or contact, and text", async () => {
    const { out } = await simulate(`${SETUP}张三 @ 区水利局工作群: 查询 ZG-2026-003\n张三: 帮助\n`, true);
    const rows = out.map((l) => JSON.parse(l));
    expect(rows[0]).toEqual({ time: "2026-12-01T08:00:00+08:00", room: "区水利局工作群", to: null, text: expect.stringContaining("本群已绑定") });
    expect(rows[1].time).toBe("2026-12-01T08:00:03+08:00");
    expect(rows.at(-1)).toMatchObject({ room: null, to: "张三" });
    expect(rows.at(-1).text).toContain("督办助手可用命令");
  });

  it("paces messages on the virtual clock", async () => {
    const { out } = await simulate(`${SETUP}${Array.from({ length: 25 }, (_, i) => `张三 @ 区水利局工作群: 进度 ZG-2026-003 第${i}次`).join("\n")}\n`, true);
    const times = out.map((l) => Date.parse(JSON.parse(l).time));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3000);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(26 * 3000);
  });

  it("mentions, quotes, multi-line text, renames and images", async () => {
    const { out, code, err } = await simulate(
      `${SETUP}张三 @ 区水利局工作群: @督办助手 查询 ZG-2026-003
张三 @ 区水利局工作群: 「督办助手：ZG-2026-003 剩4天」\\n- - - - - - - - - - - - - - - -\\n已整改完毕
张三 @ 区水利局工作群: [图片] site.jpg
@topic 区水利局工作群 区水利局整改专班
张三 @ 区水利局整改专班: 清单
`,
      false,
      { "site.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    );
    expect(err.slice(1), out.join("\n")).toEqual([]);
    expect(code).toBe(0);
    const text = out.join("\n");
    // Paced replies still queued at the rename are delivered under the new name.
    expect(text).toContain("区水利局整改专班: ZG-2026-003 乡镇污水处理站运行不正常出水超标\\n责任单位：区水利局");
    expect(text).toContain("已收到 ZG-2026-003 整改完成报告");
    expect(text).toContain("已将照片存为 ZG-2026-003 的佐证材料。");
    expect(text).toContain("@王科长: 【待核实】区水利局 张三 报 ZG-2026-003 整改完成");
    expect(out.at(-1)).toMatch(/^\[2026-12-01 08:00\] 区水利局整改专班: 区水利局未销号问题 1 个：\\n1\. ZG-2026-003 .*待核实/);
  });

  it("a broken ledger is reported on stderr with row numbers and the script goes on", async () => {
    const bad = "编号,问题描述,责任单位,整改时限\nZG-1,描述,,2026-12-01\nZG-2,描述,区水利局,2026-13-01\n";
    const { code, err, out } = await simulate(`@now 2026-12-01 08:00\n@import bad.csv\n王科长: 帮助\n`, false, { "bad.csv": bad });
    expect(code).toBe(0);
    expect(err[0]).toContain("台账有 2 行错误，未导入任何数据");
    expect(err[0]).toContain("第2行：缺少责任单位");
    expect(err[0]).toContain("第3行：");
    expect(out).toHaveLength(1);
  });

  it("script problems go to stderr with the line number and exit 2", async () => {
    expect(await simulate("@now 2026-12-01 08:00\n@wait later\n")).toMatchObject({ code: 2, err: ["第2行：@wait 应写成 90m、2h 或 3d：@wait later"] });
    const back = await simulate("@now 2026-12-02 08:00\n@now 2026-12-01 08:00\n张三: 帮助\n");
    expect(back.code).toBe(2);
    expect(back.err).toEqual(["第2行：@now 只能向后拨，2026-12-01 08:00 早于当前模拟时间"]);
    expect(back.out).toHaveLength(1);
    const img = await simulate("@now 2026-12-01 08:00\n张三: [图片] none.jpg\n");
    expect(img).toMatchObject({ code: 2, err: ["第2行：找不到图片文件 none.jpg"] });
    const empty = await simulate("@now 2026-12-01 08:00\n张三: [图片] empty.jpg\n张三: 帮助\n", false, { "empty.jpg": Buffer.alloc(0) });
    expect(empty).toMatchObject({ code: 2, err: ["第2行：图片文件 empty.jpg 是空文件"] });
    expect(empty.out).toHaveLength(1);
    expect((await simulate("@env DUBAN_TZ=Mars/Olympus\n")).code).toBe(2);
  });

  it("a group named with an invisible mark is the same group", async () => {
    const { code, out } = await simulate(`${SETUP}周副区长 @ 领导群\u200b: 统计\n`);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^\[2026-12-01 08:\d\d\] 领导群: 【整改日报】/);
  });

  it("runs from the command line exactly as documented", async () => {
    const dir = scriptDir();
    writeFileSync(path.join(dir, "s.txt"), `${SETUP}张三: 查询 ZG-2026-003\n`);
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "duban", "--", "simulate", path.join(dir, "s.txt"), "--json"], { cwd: ROOT });
    const rows = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ room: null, to: "张三" });
    expect(rows[2].text).toContain("您无权查看");
  });

  it("writes the files the bot sends with --files", async () => {
    const dir = scriptDir();
    writeFileSync(path.join(dir, "s.txt"), `${SETUP}王科长: 导出\n`);
    const files = path.join(dir, "sent");
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "duban", "--", "simulate", path.join(dir, "s.txt"), "--files", files], { cwd: ROOT });
    expect(stdout.trim().split("\n").at(-1)).toBe("[2026-12-01 08:00] @王科长: [文件] 整改台账-2026-12-01.xlsx");
    expect(readdirSync(files)).toEqual(["整改台账-2026-12-01.xlsx"]);
  });
});

describe("files in the simulator", () => {
  it("takes [文件] as evidence, prints the files the bot sends, and writes them with --files", async () => {
    const report = Buffer.from("%PDF-1.4 report");
    const { code, out, err, dir } = await simulate(
      `${SETUP}张三 @ 区水利局工作群: ZG-2026-003 已完成
张三 @ 区水利局工作群: [文件] docs/整改报告.pdf
张三 @ 区水利局工作群: [图片] site.jpg
张三 @ 区水利局工作群: [图片] site.jpg
王科长: 附件 ZG-2026-003
`,
      true,
      { "site.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1]), "docs/整改报告.pdf": report },
      (d) => path.join(d, "out"),
    );
    expect(err).toHaveLength(1);
    expect(code).toBe(0);
    const rows = out.map((l) => JSON.parse(l) as { room: string | null; to: string | null; text: string });
    expect(rows.filter((r) => r.room === "区水利局工作群").map((r) => r.text)).toContain("已将 整改报告.pdf 存为 ZG-2026-003 的佐证材料。");
    expect(rows.filter((r) => r.to === "王科长").map((r) => r.text).slice(-4)).toEqual([
      "ZG-2026-003 的附件 3 个：照片 2 张、整改报告.pdf。",
      "[文件] 整改报告.pdf",
      "[图片] site.jpg",
      "[图片] site.jpg",
    ]);
    expect(readdirSync(path.join(dir, "out")).sort()).toEqual(["site (2).jpg", "site.jpg", "整改报告.pdf"]);
    expect(readFileSync(path.join(dir, "out", "整改报告.pdf"))).toEqual(report);
  });

  it("an @import right after 导出 reads this run's file, replacing one an earlier run left", async () => {
    const { code, err } = await simulate(
      `${SETUP}王科长: 导出\n@import out/整改台账-2026-12-01.xlsx\n`,
      false,
      { "out/整改台账-2026-12-01.xlsx": "left by an earlier run" },
      (d) => path.join(d, "out"),
    );
    expect(code).toBe(0);
    expect(err[1]).toBe("@import out/整改台账-2026-12-01.xlsx：导入完成：新增 0 条，更新 0 条，未变 10 条，新建单位 0 个");
  });

  it("导出 gives an xlsx that imports again unchanged", async () => {
    const { code, out, err } = await simulate(
      `${SETUP}张三 @ 区水利局工作群: 进度 ZG-2026-003 管网铺设60%
王科长: 导出
@wait 1m
@import 整改台账-2026-12-01.xlsx
`,
      false,
      {},
      (d) => d,
    );
    expect(code).toBe(0);
    expect(out.slice(-2)).toEqual([
      "[2026-12-01 08:00] @王科长: 整改台账共 10 个问题（未开始 1，整改中 7，待核实 1，已销号 1），Excel 文件见下条。",
      "[2026-12-01 08:00] @王科长: [文件] 整改台账-2026-12-01.xlsx",
    ]);
    expect(err[1]).toBe("@import 整改台账-2026-12-01.xlsx：导入完成：新增 0 条，更新 0 条，未变 10 条，新建单位 0 个");
  });
});
