import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import type { Config } from "../config/load-config.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import type { Delivered } from "../sim/format-output.ts";
import { codeAtStart } from "../parse/issue-code.ts";
import { normalizeText } from "../parse/normalize-text.ts";
import { commandWordAtStart } from "../parse/parse-command.ts";
import { parseScript, type Step } from "../sim/parse-script.ts";
import { Simulator } from "../sim/simulator.ts";

const DEMO_DIR = fileURLToPath(new URL("../../demo", import.meta.url));
const DEFAULT_SPEAKER = "张三 @ 区水利局工作群";

const out = (s: string) => process.stdout.write(`${s}\n`);
const indent = (text: string, pad: string) => text.split("\n").map((l) => `${pad}${l}`).join("\n");

/** A message as it looks in WeChat: who it is to, then its lines, indented under the message that caused it. */
function asChat(d: Delivered, time: ZonedTime): string {
  const to = d.room ?? `${d.to}（私聊）`;
  return `  ┌ 督办助手 → ${to}  ${time.minute(d.at).slice(11)}\n${indent(d.text, "  │ ")}`;
}

function showStep(step: Step): void {
  if (step.kind === "say") out(`\n${step.sender}${step.room ? ` @ ${step.room}` : "（私聊）"}：\n${indent(step.text, "  ")}`);
  if (step.kind === "image" || step.kind === "file") {
    out(`\n${step.sender}${step.room ? ` @ ${step.room}` : "（私聊）"}：${step.kind === "image" ? "[图片]" : "[文件]"} ${step.file}`);
  }
}

/**
 * With no WeChat account configured, `npm start` plays the demo script on the sample
 * ledger, then (in a terminal) lets the user type as a unit contact.
 */
export async function runDemo(base: Config): Promise<void> {
  out("未配置 WECHATY_PUPPET，运行演示（模拟微信，不连接真实账号）。");
  out("连接真实微信：把 .env.example 复制为 .env，填写 WECHATY_PUPPET 和 DUBAN_ADMINS 后再次 npm start，详见 README。");
  const script = parseScript(readFileSync(path.join(DEMO_DIR, "demo-script.txt"), "utf8"));
  const env = Object.fromEntries(script.steps.flatMap((s) => (s.kind === "env" ? [[s.key, s.value]] : [])));
  // No pacing in the demo, so each answer prints under the message that caused it.
  const config: Config = { ...base, DUBAN_ADMINS: base.DUBAN_ADMINS.length ? base.DUBAN_ADMINS : env.DUBAN_ADMINS!.split(","), DUBAN_SEND_INTERVAL_MS: 0, DUBAN_SEND_JITTER_MS: 0, LOG_LEVEL: "error" };
  const time = new ZonedTime(config.DUBAN_TZ);
  // The pictures and files the bot sends land where a new user can open them.
  const filesDir = path.resolve(base.DUBAN_DATA_DIR, "demo-files");
  out(`督办助手发出的图片和文件（日报图片、导出的台账等）保存在 ${filesDir}，可以直接打开查看。`);
  const sim = await Simulator.create({
    config,
    start: time.parseLocal("2026-12-01 08:00")!,
    baseDir: DEMO_DIR,
    json: false,
    filesDir,
    format: (d) => asChat(d, time),
    out,
    err: (line) => out(`  (${line})`),
  });
  try {
    for (const step of script.steps) {
      showStep(step);
      if (step.kind === "wait") out(`\n……（时间到 ${time.minute(new Date(sim.clock.now().getTime() + step.ms))}）`);
      if (step.kind === "now") out(`\n……（时间到 ${step.text}）`);
      await sim.step(step);
    }
    const written = existsSync(filesDir) ? readdirSync(filesDir).length : 0;
    if (written) out(`\n（督办助手发出的 ${written} 个图片和文件已保存在 ${filesDir}）`);
    if (process.stdin.isTTY) await interactive(sim);
    else out("\n（非交互终端：演示结束。在终端中运行 npm start 可以自己输入消息。）");
  } finally {
    await sim.finish();
  }
}

/**
 * A line typed at the prompt: a script line (`王科长: 核实 …`, `李四 @ 某群: …`, `@wait 1d`)
 * unless what stands before the colon is a command word or an issue code; then it is the
 * default speaker's message, so `查询：ZG-2026-002` is a query, not a person named 查询.
 */
export function promptSteps(line: string): { steps: Step[]; errors: string[] } {
  if (line.startsWith("@")) return parseScript(line);
  const scripted = parseScript(line);
  const step = scripted.steps[0];
  const name = step && (step.kind === "say" || step.kind === "image" || step.kind === "file") ? normalizeText(step.sender) : null;
  const named = name !== null && commandWordAtStart(name) === null && codeAtStart(name) === null;
  return named ? scripted : parseScript(`${DEFAULT_SPEAKER}: ${line}`);
}

async function interactive(sim: Simulator): Promise<void> {
  out(`\n现在轮到您：直接输入内容，就以“${DEFAULT_SPEAKER}”的身份发到群里；`);
  out("也可以指定说话人，如“王科长: 核实 ZG-2026-008 通过”“李四 @ 某某群: 帮助”，或拨动时间“@wait 1d”。输入 exit 退出。");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let n = 0;
  try {
    for (;;) {
      const line = (await rl.question("\n> ")).trim();
      if (line === "exit" || line === "quit") break;
      if (!line) continue;
      const { steps, errors } = promptSteps(line);
      if (errors.length) out(`  (${errors[0]})`);
      for (const step of steps) await sim.step({ ...step, line: ++n });
      await sim.step({ kind: "wait", ms: 60_000, line: n });
    }
  } catch {
    // Ctrl-D closes the prompt: the demo ends quietly.
  } finally {
    rl.close();
  }
}
