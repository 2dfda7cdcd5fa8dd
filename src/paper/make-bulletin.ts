import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/load-config.ts";
import { addDays, type Day, type ZonedTime } from "../core/zoned-time.ts";
import { scoreUnits } from "../ranking/score-units.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";
import { lightRules } from "../store/light-sql.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { bulletinNumber, type BulletinNumber } from "./bulletin-number.ts";
import { loadBulletinSnapshot } from "./bulletin-snapshot.ts";
import { OVERDUE_LISTED, composeBulletin } from "./compose-bulletin.ts";
import { writeBulletinDocx } from "./write-bulletin-docx.ts";

export interface BulletinContext {
  config: Config;
  time: ZonedTime;
  calendar: WorkingCalendar;
  /** The day reported on: the week runs from its Monday to it. */
  day: Day;
}

export interface PreparedBulletin {
  /** The Monday of the week, the Bulletin row's key. */
  week: Day;
  number: BulletinNumber;
  /** `督办通报〔2026〕12号.docx`: what the reader sees. */
  fileName: string;
  summary: string;
  docx: Buffer;
}

/** The Monday of the ISO week holding `day`. */
export function weekOf(day: Day): Day {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/**
 * The day a 通报 asked on `day` reports up to: `day` itself, the week so far; but on the
 * week's first working day there is nothing of this week to tell yet, and it is last
 * week's, to its Sunday (unless that day is also the week's last working day: a holiday
 * week with one working day has its own).
 */
export function reportedDay(day: Day, calendar: WorkingCalendar): Day {
  const first = calendar.firstWorkdayOfWeek(day);
  return first !== null && day <= first && first !== calendar.lastWorkdayOfWeek(day) ? addDays(weekOf(day), -1) : day;
}

/** The week's 情况通报, read and laid out; its number is taken, not yet recorded (recordBulletin). */
export async function prepareBulletin(db: Store | Tx, ctx: BulletinContext): Promise<PreparedBulletin> {
  const issued = ctx.day;
  const c = { ...ctx, day: reportedDay(ctx.day, ctx.calendar) };
  const week = weekOf(c.day);
  const rules = lightRules(c.config, c.time, c.day, c.calendar.lastWorkdayBefore(c.day));
  const [snapshot, number] = await Promise.all([
    loadBulletinSnapshot(db, { day: c.day, from: c.time.at(week), until: c.time.at(addDays(c.day, 1)), rules, overdueLimit: OVERDUE_LISTED }),
    bulletinNumber(db, week, Number(c.day.slice(0, 4))),
  ]);
  // The ranking's own measures, so that the paper and the weekly ranking never disagree.
  const scores = scoreUnits(snapshot.ranking, {
    today: c.day,
    staleDays: c.config.DUBAN_STALE_DAYS,
    reportedSince: rules.staleBefore,
    dayStart: (d) => c.time.at(d),
    addDays,
  });
  const paper = composeBulletin(snapshot, scores, { office: c.config.DUBAN_OFFICE_NAME, year: number.year, number: number.number, week, day: c.day, issued });
  return { week, number, fileName: `${paper.number}.docx`, summary: paper.summary, docx: await writeBulletinDocx(paper) };
}

/** Written aside and renamed into place: a reader (or the outbox) never sees half a file. */
export async function saveBulletin(file: string, docx: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  await writeFile(part, docx);
  await rename(part, file);
}
