import path from "node:path";
import type { Logger } from "pino";
import { fileMessage, type Outgoing, type Target } from "../outbox/outgoing.ts";
import type { Config } from "../config/load-config.ts";
import { addDays, type Day, type ZonedTime } from "../core/zoned-time.ts";
import { composeDigest, sendableDigest } from "../digest/compose-digest.ts";
import { recordTally } from "../digest/daily-tally.ts";
import { deliver, deliveryTo } from "../digest/delivery.ts";
import { setLastDigestAt } from "../digest/last-digest.ts";
import { dayHeading } from "../format/day-heading.ts";
import { rankingPictures } from "../picture/ranking-picture.ts";
import { PRIORITY, type Keyed, type Priority } from "../outbox/enqueue.ts";
import type { Store, Tx } from "../store/open-store.ts";
import { recordBulletin } from "../paper/bulletin-number.ts";
import { prepareBulletin, saveBulletin } from "../paper/make-bulletin.ts";
import { loadRankingSnapshot } from "../ranking/ranking-snapshot.ts";
import { scoreUnits } from "../ranking/score-units.ts";
import { buildRanking, buildRankingBrief } from "./build-ranking.ts";
import { buildReviewList } from "./build-review-list.ts";
import { leaderLightLists } from "./leader-lights.ts";
import { findDueNotices, numberNotices, writeNotices } from "./issue-notices.ts";
import { lightRules, type LightRules } from "../store/light-sql.ts";
import { NOTICE_LIMIT, SECTION_LIMIT, buildUnitReminders } from "./build-unit-reminders.ts";
import type { JobName } from "./job-times.ts";
import { loadDueReviews, loadReminderSnapshot, loadRooms, markNoticesDelivered, type BoundRoom } from "./job-snapshots.ts";
import type { WorkingCalendar } from "../domain/working-calendar.ts";

export interface JobContext {
  store: Store;
  log: Logger;
  config: Config;
  time: ZonedTime;
  calendar: WorkingCalendar;
  /** When the run started. */
  now: Date;
  /** The run's day in DUBAN_TZ. */
  day: Day;
}

/** A job's output, not yet written: the scheduler enqueues it and marks the run finished in one transaction. */
export interface PreparedJob {
  messages: Keyed[];
  /** Other writes that belong with the messages (the digest's "last sent at"). */
  commit?: (tx: Tx) => Promise<void>;
}

/** Outbox keys: one message per job run and target, so a repeated run cannot enqueue twice. */
function key(job: JobName, day: Day, targetId: string): string {
  return `job:${job}:${day}:${targetId}`;
}

const roomTarget = (r: BoundRoom): Target => ({ kind: "room", id: r.roomId, name: r.topic });

/** The day's light rules (DESIGN §4), the same for every job of the run day. */
export function jobLightRules(c: Pick<JobContext, "config" | "time" | "calendar" | "day">): LightRules {
  return lightRules(c.config, c.time, c.day, c.calendar.lastWorkdayBefore(c.day));
}

/** Issues the 督办单 of the day's lights: no message of its own, they go out with the digest and the reminders. */
async function lights(c: JobContext): Promise<PreparedJob> {
  const year = Number(c.day.slice(0, 4));
  const due = await numberNotices(c.store, await findDueNotices(c.store, jobLightRules(c), (at) => c.time.today(at)), year);
  return { messages: [], commit: (tx) => writeNotices(tx, due, { year, now: c.now, botName: c.config.DUBAN_BOT_NAME }) };
}

/** Outbox keys for a delivery's messages to one target: the first keeps the job's key. */
function keyed(messages: Outgoing[], base: string, priority: Priority): Keyed[] {
  return messages.map((m, i) => ({ ...m, key: i === 0 ? base : `${base}:${i + 1}`, priority }));
}

/**
 * The leaders' digest (as pictures and a short text, or as text: DUBAN_DIGEST_FORMAT), each
 * mapped leader's private list of their red and yellow issues, and the day's figures for
 * the trend.
 */
async function digest(c: JobContext): Promise<PreparedJob> {
  const rules = jobLightRules(c);
  const lists = await leaderLightLists(c.store, c.config, rules, { day: c.day, today: c.day, dayOf: (at) => c.time.today(at) });
  const privately: Keyed[] = lists.map((l) => ({
    key: key("digest", c.day, `leader:${l.contact}`),
    target: { kind: "contact", id: l.contact, name: l.contact },
    text: l.text,
    priority: PRIORITY.leaders,
  }));
  const rooms = await loadRooms(c.store, "LEADERS");
  const d = await composeDigest(c.store, { now: c.now, today: c.day, config: c.config, time: c.time, ackBefore: c.calendar.ackDueBefore(c.day), rules, when: dayHeading(c.day) });
  // No leaders' group yet: keep "since the last digest" pointing at the last one somebody read.
  if (rooms.length === 0) return { messages: privately, commit: (tx) => recordTally(tx, c.day, d.tally, c.now) };
  const sent = await deliver(c.config.DUBAN_DIGEST_FORMAT, c.config.DUBAN_DATA_DIR, {
    ...sendableDigest(d, c.day),
    stem: `digest-${c.day}`,
    unless: (err) => c.log.error({ err, job: "digest" }, "digest pictures could not be drawn; sent as text"),
  });
  return {
    messages: [...rooms.flatMap((r) => keyed(deliveryTo(roomTarget(r), sent), key("digest", c.day, r.roomId), PRIORITY.leaders)), ...privately],
    commit: async (tx) => {
      await setLastDigestAt(tx, c.now);
      await recordTally(tx, c.day, d.tally, c.now);
    },
  };
}

async function reminders(c: JobContext): Promise<PreparedJob> {
  const s = await loadReminderSnapshot(c.store, { rules: jobLightRules(c), ackBefore: c.calendar.ackDueBefore(c.day), limit: SECTION_LIMIT, noticeLimit: NOTICE_LIMIT });
  const built = buildUnitReminders(s.units, s.issues, s.notices, {
    today: c.day,
    dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS,
    staleDays: c.config.DUBAN_STALE_DAYS,
    escalateDays: c.config.DUBAN_ESCALATE_DAYS,
    dayOf: (at) => c.time.today(at),
    workdaysLeft: (today, deadline) => c.calendar.workdaysLeft(today, deadline),
    isWorkday: (d) => c.calendar.isWorkday(d),
  });
  const byUnit = new Map(built.map((r) => [r.unitId, r]));
  // A unit with several groups: each group gets the same one message. The units with
  // overdue issues are told first: the fan-out takes minutes at the safe pace.
  const messages = s.rooms.flatMap((r): Keyed[] => {
    const reminder = r.unitId === null ? undefined : byUnit.get(r.unitId);
    if (!reminder) return [];
    return [{ key: key("reminders", c.day, r.roomId), target: roomTarget(r), text: reminder.text, priority: reminder.overdue > 0 ? PRIORITY.overdue : PRIORITY.push }];
  });
  // A 督办单 is delivered once: to the units that were sent their reminder now.
  const reached = new Set(s.rooms.map((r) => r.unitId));
  const delivered = built.filter((r) => r.notices > 0 && reached.has(r.unitId)).map((r) => r.unitId);
  return { messages, commit: (tx) => markNoticesDelivered(tx, delivered, c.now, c.day) };
}

async function ranking(c: JobContext): Promise<PreparedJob> {
  const rooms = await loadRooms(c.store, "LEADERS");
  if (rooms.length === 0) return { messages: [] };
  const rules = jobLightRules(c);
  const s = await loadRankingSnapshot(c.store, rules);
  const opts = {
    today: c.day,
    staleDays: c.config.DUBAN_STALE_DAYS,
    // Responsive: reported since the instant before which an issue is stale.
    reportedSince: rules.staleBefore,
    dayStart: (d: Day) => c.time.at(d),
    addDays,
  };
  const scores = scoreUnits(s, opts);
  const text = buildRanking(scores, opts);
  const brief = buildRankingBrief(scores, opts);
  if (text === null || brief === null) return { messages: [] };
  const when = dayHeading(c.day);
  const sent = await deliver(c.config.DUBAN_DIGEST_FORMAT, c.config.DUBAN_DATA_DIR, {
    pages: () => rankingPictures(scores, { when, staleDays: c.config.DUBAN_STALE_DAYS, year: c.day.slice(0, 4) }),
    brief,
    full: text,
    stem: `ranking-${c.day}`,
    name: `整改周排名-${c.day}`,
    today: c.day,
    unless: (err) => c.log.error({ err, job: "ranking" }, "ranking pictures could not be drawn; sent as text"),
  });
  return { messages: rooms.flatMap((r) => keyed(deliveryTo(roomTarget(r), sent), key("ranking", c.day, r.roomId), PRIORITY.leaders)) };
}

async function reviews(c: JobContext): Promise<PreparedJob> {
  const admins = c.config.DUBAN_ADMINS;
  if (admins.length === 0) return { messages: [] };
  const text = buildReviewList(await loadDueReviews(c.store, c.day), { today: c.day });
  if (text === null) return { messages: [] };
  return { messages: admins.map((a) => ({ key: key("reviews", c.day, a), target: { kind: "contact", id: a, name: a }, text })) };
}

/**
 * The week's 情况通报 to each admin privately, its number recorded with the messages. The
 * file is written here, not in the store: a run tried again rewrites the same file.
 */
async function bulletin(c: JobContext): Promise<PreparedJob> {
  const admins = c.config.DUBAN_ADMINS;
  if (admins.length === 0) return { messages: [] };
  const b = await prepareBulletin(c.store, { config: c.config, time: c.time, calendar: c.calendar, day: c.day });
  const file = path.resolve(c.config.DUBAN_DATA_DIR, "bulletins", `${c.day}-job.docx`);
  await saveBulletin(file, b.docx);
  const messages = admins.flatMap((a): Keyed[] => {
    const target: Target = { kind: "contact", id: a, name: a };
    return [
      { key: key("bulletin", c.day, a), target, text: `${b.summary}Word 文件见下条。` },
      { key: key("bulletin", c.day, `${a}:file`), ...fileMessage(target, { kind: "file", path: file, name: b.fileName }) },
    ];
  });
  return { messages, commit: (tx) => recordBulletin(tx, b.week, b.number, c.now) };
}

const JOB: Record<JobName, (c: JobContext) => Promise<PreparedJob>> = { lights, digest, reminders, ranking, reviews, bulletin };

/** Loads what the job needs and builds its messages; writes nothing to the store (only the files its messages send). */
export function prepareJob(job: JobName, c: JobContext): Promise<PreparedJob> {
  return JOB[job](c);
}
