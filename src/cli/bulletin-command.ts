import { systemClock } from "../core/clock.ts";
import { ZonedTime, isValidDay } from "../core/zoned-time.ts";
import { recordBulletin } from "../paper/bulletin-number.ts";
import { prepareBulletin, saveBulletin } from "../paper/make-bulletin.ts";
import { loadCalendarOverride } from "../domain/calendar-override.ts";
import { WorkingCalendar } from "../domain/working-calendar.ts";
import { openStore } from "../store/open-store.ts";
import { readConfigOrExit } from "./read-config.ts";

/** `bulletin <file.docx> [--day YYYY-MM-DD]`: the week's 情况通报, numbered as the chat's 通报 numbers it. */
export async function runBulletinCommand(file: string, day?: string): Promise<number> {
  const config = readConfigOrExit();
  const time = new ZonedTime(config.DUBAN_TZ);
  const now = systemClock.now();
  if (day !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(day) && isValidDay(...(day.split("-").map(Number) as [number, number, number])))) {
    process.stderr.write(`--day ${day}: expected a date as YYYY-MM-DD, e.g. 2026-11-27\n`);
    return 2;
  }
  const store = await openStore(config.DATABASE_URL);
  try {
    const calendar = new WorkingCalendar(loadCalendarOverride(config.DUBAN_CALENDAR_FILE));
    const b = await prepareBulletin(store, { config, time, calendar, day: day ?? time.today(now) });
    await recordBulletin(store, b.week, b.number, now);
    await saveBulletin(file, b.docx);
    process.stdout.write(`${b.summary}\n已写入 ${file}\n`);
    return 0;
  } finally {
    await store.$disconnect();
  }
}
