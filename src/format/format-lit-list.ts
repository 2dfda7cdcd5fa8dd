import type { Day } from "../core/zoned-time.ts";
import { LIGHTS, lightLabel, type Light } from "../domain/light.ts";
import type { LitItem } from "../store/lit-list.ts";
import { shortText, timeStatus } from "./issue-status.ts";
import { lightReasons } from "./light-reason.ts";

export interface LitListOptions {
  today: Day;
  dayOf: (at: Date) => Day;
}

/** `1. ZG-2026-003 区水利局 乡镇污水处理站运行…｜逾期3天`: why it has its light, or (green) the time left. */
export function litLine(i: LitItem, n: number, o: LitListOptions, withUnit: boolean): string {
  const why = lightReasons(i, o.today, o.dayOf);
  const status = why.length ? why.join("；") : timeStatus({ state: "IN_PROGRESS", deadline: i.deadline }, o.today);
  return `${n}. ${i.code} ${withUnit ? `${i.unitName} ` : ""}${shortText(i.description, 16)}｜${status}`;
}

/** `红灯 1，黄灯 2，蓝灯 0，绿灯 5` */
export const lightCounts = (counts: Record<Light, number>): string => LIGHTS.map((l) => `${lightLabel(l)} ${counts[l]}`).join("，");

/**
 * Lines under a heading per light (`红灯：`, or `红灯 1 个：` given the counts): `items` are
 * already in light order and cut to the list's length; `total` counts what was cut, said as
 * `……另有 N ${rest}`.
 */
export function linesByLight(items: LitItem[], total: number, o: LitListOptions & { rest: string; counts?: Partial<Record<Light, number>> }): string[] {
  const lines: string[] = [];
  items.forEach((i, n) => {
    if (n === 0 || items[n - 1]!.light !== i.light) lines.push(`${lightLabel(i.light)}${o.counts ? ` ${o.counts[i.light] ?? 0} 个` : ""}：`);
    lines.push(litLine(i, n + 1, o, true));
  });
  if (total > items.length) lines.push(`……另有 ${total - items.length} ${o.rest}`);
  return lines;
}
