import type { ZonedTime } from "../core/zoned-time.ts";

export interface Delivered {
  at: Date;
  room: string | null;
  to: string | null;
  text: string;
}

/** One delivered message as the simulator prints it (docs/simulator.md; scripts and tests rely on it). */
export function formatOutputLine(d: Delivered, time: ZonedTime, json: boolean): string {
  if (json) return JSON.stringify({ time: time.iso(d.at), room: d.room, to: d.to, text: d.text });
  return `[${time.minute(d.at)}] ${d.room ?? `@${d.to}`}: ${d.text.replace(/\n/g, "\\n")}`;
}
