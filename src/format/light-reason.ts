import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { lightLabel } from "../domain/light.ts";
import type { LightFacts } from "../store/light-sql.ts";

/**
 * Why an issue has its light, one phrase per reason (none for green):
 * 「逾期3天」, 「节点2“安装调试”12月20日逾期」, 「序时进度 60%，报送 30%，滞后 30 个百分点」,
 * 「11月20日以来未报送进度」, 「应每日报送，12月3日以来未报送进度」, 「12月3日到期」.
 */
export function lightReasons(f: LightFacts, today: Day, dayOf: (at: Date) => Day): string[] {
  const year = Number(today.slice(0, 4));
  if (f.light === "RED") return [`逾期${daysBetween(f.deadline!, today)}天`];
  // No days left here: the reminder under it counts working days, and two counts of one date confuse.
  if (f.light === "BLUE") return [f.deadline === today ? "今天到期" : `${dayLabel(f.deadline!, year)}到期`];
  if (f.light === "GREEN") return [];
  const reasons: string[] = [];
  if (f.missed) reasons.push(`节点${f.missed.seq}“${f.missed.text}”${dayLabel(f.missed.due, year)}逾期`);
  if (f.lagging && f.expectedPct !== null && f.progressPct !== null) {
    reasons.push(`序时进度 ${f.expectedPct}%，报送 ${f.progressPct}%，滞后 ${f.expectedPct - f.progressPct} 个百分点`);
  }
  if (f.stale) {
    const last = f.lastReportAt ? `${dayLabel(dayOf(f.lastReportAt), year)}以来未报送进度` : "尚未报送进度";
    reasons.push(f.daily ? `应每日报送，${last}` : last);
  }
  return reasons;
}

/** `黄灯（节点2“安装调试”12月20日逾期）`, or `绿灯`. */
export function lightWithReason(f: LightFacts, today: Day, dayOf: (at: Date) => Day): string {
  const reasons = lightReasons(f, today, dayOf);
  return `${lightLabel(f.light)}${reasons.length ? `（${reasons.join("；")}）` : ""}`;
}
