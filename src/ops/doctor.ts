import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../config/load-config.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { loadCalendarOverride } from "../domain/calendar-override.ts";
import { WorkingCalendar } from "../domain/working-calendar.ts";
import { databaseTarget, describeTarget } from "../store/database-url.ts";
import { pendingStoreMigrations } from "../store/store-migrations.ts";
import { isBotRunning } from "../store/bot-lock.ts";
import { liveAccounts } from "../store/account-lock.ts";
import { botsLine } from "./status-report.ts";
import { StartupError } from "../core/startup-error.ts";
import { KNOWN_PUPPETS, resolvePuppet } from "../transport/resolve-puppet.ts";

export type Verdict = "ok" | "warn" | "fail";
export interface Finding {
  verdict: Verdict;
  text: string;
}

const ok = (text: string): Finding => ({ verdict: "ok", text });
const warn = (text: string): Finding => ({ verdict: "warn", text });
const fail = (text: string): Finding => ({ verdict: "fail", text });

function writableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The store: where it is, whether it can be reached, what migrations it lacks. */
async function databaseCheck(databaseUrl: string): Promise<Finding[]> {
  const target = databaseTarget(databaseUrl);
  const where = describeTarget(target);
  if (target.kind === "sqlite") {
    const dir = path.dirname(target.file);
    if (!writableDir(dir)) return [fail(`数据库：目录 ${dir} 不可写，请检查 DATABASE_URL 和目录权限`)];
    if (!existsSync(target.file)) return [ok(`数据库：${where} 尚未创建，首次启动时自动创建并迁移`)];
  }
  let pending: string[] | null;
  try {
    pending = await pendingStoreMigrations(databaseUrl);
  } catch (err) {
    return [fail(`数据库：连不上 ${where}：${(err as Error).message}；请检查 DATABASE_URL（主机、端口、用户、密码、库名）和数据库服务是否在运行`)];
  }
  const state = pending?.length ? `，${pending.length} 个迁移待应用（启动时自动应用）` : "，结构为最新";
  const findings = [ok(`数据库：${where}${state}`)];
  if (target.kind === "sqlite" && isBotRunning(target.file)) findings.push(ok("机器人：正在运行（同一数据库只允许一个机器人进程）"));
  const live = await liveAccounts(databaseUrl);
  if (live?.length) findings.push(ok(`机器人：${botsLine(live)}（每个账号一个进程）`));
  return findings;
}

/**
 * `doctor`: every check a first start depends on, each with what to do about it. It
 * changes nothing but creating the data folder; a failed check makes the exit code 1.
 */
export async function runDoctor(env: Record<string, string | undefined>, now: Date): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => fail(`配置：${p}（在 .env 或环境变量中修改，见 .env.example）`));
    throw e;
  }
  const out: Finding[] = [ok("配置：各变量有效")];

  out.push(...(await databaseCheck(config.DATABASE_URL)));
  out.push(writableDir(config.DUBAN_DATA_DIR) ? ok(`数据目录：${path.resolve(config.DUBAN_DATA_DIR)} 可写（登录状态、附件）`) : fail(`数据目录：${config.DUBAN_DATA_DIR} 不可写，请修改 DUBAN_DATA_DIR 或目录权限`));
  out.push(await pictureCheck(config));
  if (!writableDir(config.DUBAN_ATTACHMENT_DIR)) out.push(fail(`附件目录：${config.DUBAN_ATTACHMENT_DIR} 不可写，请修改 DUBAN_ATTACHMENT_DIR 或目录权限`));

  try {
    const calendar = new WorkingCalendar(loadCalendarOverride(config.DUBAN_CALENDAR_FILE));
    const missing = calendar.missingYears(new ZonedTime(config.DUBAN_TZ).today(now), 60);
    out.push(
      missing.length
        ? warn(`工作日历：未来60天缺少 ${missing.join("、")} 年的节假日数据，届时只按周末和元旦、劳动节、国庆节放假；请把当年的放假和调休日期写入 DUBAN_CALENDAR_FILE 指向的文件，如 {"holidays":["${missing[0]}-01-01"],"workdays":["${missing[0]}-02-07"]}`)
        : ok("工作日历：未来60天的节假日数据齐全"),
    );
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    out.push(fail(`工作日历：${e.problems.join("；")}`));
  }

  out.push(
    config.DUBAN_ADMINS.length
      ? ok(`管理员：${config.DUBAN_ADMINS.join("、")}`)
      : fail("管理员：DUBAN_ADMINS 为空，无人能绑定群、核实和批准延期。填入督查室人员的微信 id 或备注名（逗号分隔）；机器人收到过他们的消息后，npm run duban -- contacts 可查到"),
  );

  if (!config.WECHATY_PUPPET) out.push(warn(`微信：未设置 WECHATY_PUPPET，npm start 将运行演示。连接真实账号请设置为 ${Object.keys(KNOWN_PUPPETS).join("、")} 之一（见 README）`));
  else {
    try {
      await resolvePuppet(config);
      out.push(ok(`微信：${config.WECHATY_PUPPET} 已安装${KNOWN_PUPPETS[config.WECHATY_PUPPET]?.tokenVar ? "，token 已设置" : ""}`));
    } catch (e) {
      if (!(e instanceof StartupError)) throw e;
      out.push(fail(`微信：${e.message}`));
    }
  }
  return out;
}

/**
 * The digest's pictures need resvg's native binary for this platform (an optional npm
 * package) and the font package: one small picture is drawn to see that they are there.
 */
async function pictureCheck(config: Config): Promise<Finding> {
  if (config.DUBAN_DIGEST_FORMAT === "text") return ok("图片：DUBAN_DIGEST_FORMAT=text，日报和周排名以文字发送");
  try {
    const { renderPngs } = await import("../picture/render-pngs.ts");
    const { svgPage, text } = await import("../picture/svg-text.ts");
    const [png] = await renderPngs([svgPage(60, text(24, 30, "整改日报"))]);
    if (!png?.length) throw new Error("空白图片");
    return ok("图片：可以绘制日报和周排名图片（字体随 npm 包安装，不用系统字体）");
  } catch (e) {
    return fail(`图片：无法绘制（${e instanceof Error ? e.message : String(e)}）。请重新运行 npm install；或设置 DUBAN_DIGEST_FORMAT=text，日报以文字发送`);
  }
}

const MARK: Record<Verdict, string> = { ok: "✔", warn: "⚠", fail: "✘" };

export function formatFindings(findings: Finding[]): string {
  const failed = findings.filter((f) => f.verdict === "fail").length;
  return [...findings.map((f) => `${MARK[f.verdict]} ${f.text}`), failed ? `\n${failed} 项需要处理。` : "\n检查通过。"].join("\n");
}
