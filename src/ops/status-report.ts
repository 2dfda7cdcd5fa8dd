import { ConfigError, type Config } from "../config/load-config.ts";
import { ZonedTime } from "../core/zoned-time.ts";
import { STATE_LABEL } from "../domain/issue-state.ts";
import { WorkingCalendar } from "../domain/working-calendar.ts";
import { loadCalendarOverride } from "../domain/calendar-override.ts";
import { JOBS, type JobName } from "../schedule/job-times.ts";
import type { Store } from "../store/open-store.ts";

const JOB_LABEL: Record<JobName, string> = { lights: "亮灯与督办单", digest: "整改日报", reminders: "单位提醒", ranking: "周排名", reviews: "回头看提醒", bulletin: "情况通报" };

function calendarLine(config: Config, today: string): string {
  try {
    const missing = new WorkingCalendar(loadCalendarOverride(config.DUBAN_CALENDAR_FILE)).missingYears(today, 60);
    return missing.length ? `工作日历：⚠ 未来60天缺少 ${missing.join("、")} 年的节假日数据，请在 DUBAN_CALENDAR_FILE 补充` : "工作日历：未来60天的节假日数据齐全";
  } catch (e) {
    if (e instanceof ConfigError) return `工作日历：✘ ${e.problems.join("；")}`;
    throw e;
  }
}

/** SQLite: whether its one bot runs; PostgreSQL: the accounts live bot processes are logged in as. */
export type BotsRunning = boolean | readonly string[];

export function botsLine(running: BotsRunning): string {
  if (typeof running === "boolean") return running ? "正在运行" : "未运行";
  return running.length ? `正在运行 ${running.length} 个，账号 ${running.join("、")}` : "未运行";
}

/**
 * `status`: what an operator checks first, on one screen. Read-only, a handful of
 * queries whatever the ledger's size, so it answers at once while the bot runs.
 * `problems` counts what needs a person: failed messages, groups not found, no admins.
 */
export async function statusReport(store: Store, config: Config, now: Date, running: BotsRunning): Promise<{ text: string; problems: number }> {
  const time = new ZonedTime(config.DUBAN_TZ);
  const today = time.today(now);
  const open = { in: ["NOT_STARTED", "IN_PROGRESS"] };
  const [bindings, states, overdue, longTerm, unacked, pending, failed, oldestPending, oldestFailed, runs] = await Promise.all([
    store.roomBinding.findMany({ include: { unit: { select: { name: true } } }, orderBy: { id: "asc" } }),
    store.issue.groupBy({ by: ["state"], _count: { _all: true } }),
    store.issue.count({ where: { state: open, deadline: { lt: today } } }),
    store.issue.count({ where: { state: open, deadline: null } }),
    store.issue.count({ where: { state: open, ackPending: true } }),
    store.outbox.count({ where: { status: { in: ["PENDING", "SENDING"] } } }),
    store.outbox.count({ where: { status: "FAILED" } }),
    store.outbox.findFirst({ where: { status: { in: ["PENDING", "SENDING"] } }, orderBy: { createdAt: "asc" } }),
    store.outbox.findFirst({ where: { status: "FAILED" }, orderBy: { createdAt: "asc" } }),
    Promise.all(JOBS.map((job) => store.jobRun.findFirst({ where: { job, finishedAt: { not: null } }, orderBy: { day: "desc" } }))),
  ]);
  const lines: string[] = [];
  lines.push(`机器人：${botsLine(running)}（${config.WECHATY_PUPPET ?? "未配置 WECHATY_PUPPET：npm start 运行演示"}）`);
  lines.push(config.DUBAN_ADMINS.length ? `管理员：${config.DUBAN_ADMINS.join("、")}` : "管理员：⚠ 未设置 DUBAN_ADMINS（npm run duban -- contacts 可查看联系人 id 和备注）");

  const units = bindings.filter((b) => b.kind === "UNIT").length;
  const leaders = bindings.length - units;
  const missing = bindings.filter((b) => b.missingSince);
  lines.push(`绑定：单位群 ${units} 个，领导群 ${leaders} 个${bindings.length === 0 ? "（还没有绑定：在群里由管理员发送“绑定 <单位名>”或“绑定 领导”）" : ""}`);
  for (const b of missing) lines.push(`  ⚠ 登录后未找到：${b.topic}（${b.kind === "LEADERS" ? "领导群" : b.unit?.name}，自 ${time.minute(b.missingSince!)}）`);

  const byState = new Map(states.map((s) => [s.state, s._count._all]));
  const total = [...byState.values()].reduce((a, b) => a + b, 0);
  lines.push(`问题：共 ${total} 个，${Object.entries(STATE_LABEL).map(([k, label]) => `${label} ${byState.get(k) ?? 0}`).join("，")}；逾期 ${overdue}${longTerm ? `；长期坚持 ${longTerm}` : ""}${unacked ? `；交办未签收 ${unacked}` : ""}`);

  const oldest = (r: { createdAt: Date } | null) => (r ? `，最早 ${time.minute(r.createdAt)}` : "");
  lines.push(`发送队列：待发 ${pending}${oldest(oldestPending)}；失败 ${failed}${oldest(oldestFailed)}${failed ? "（npm run duban -- outbox --failed 查看，outbox retry all 重发）" : ""}`);

  lines.push(`定时任务（${config.DUBAN_WORKDAYS_ONLY ? "工作日" : "每天"}）：`);
  JOBS.forEach((job, i) => {
    const r = runs[i];
    const off = job === "bulletin" && !config.DUBAN_BULLETIN_TIME;
    lines.push(`  ${JOB_LABEL[job]}：${r?.finishedAt ? `最近 ${time.minute(r.finishedAt)}` : off ? "未开启" : "尚未运行"}`);
  });

  lines.push(calendarLine(config, today));
  return { text: lines.join("\n"), problems: failed + missing.length + (config.DUBAN_ADMINS.length ? 0 : 1) };
}
