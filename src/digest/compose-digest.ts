import type { Config } from "../config/load-config.ts";
import type { Day, ZonedTime } from "../core/zoned-time.ts";
import { digestPictures, type DigestBoard } from "../picture/digest-picture.ts";
import type { Store, Tx } from "../store/open-store.ts";
import type { LightRules } from "../store/light-sql.ts";
import { buildDigest, buildDigestBrief, centralLine } from "./build-digest.ts";
import { TREND_DAYS, loadTallies, tallyOf, type Tally } from "./daily-tally.ts";
import type { Sendable } from "./delivery.ts";
import { loadSnapshot } from "./digest-snapshot.ts";
import { lastDigestAt } from "./last-digest.ts";

/** The digest three ways: the full text, the short text that follows its picture, and the picture's figures. */
export interface Digest {
  full: string;
  brief: string;
  board: DigestBoard;
  /** Today's figures, for the trend of the days to come. */
  tally: Tally;
}

/** The digest as of now, reporting what changed since the last scheduled one (or 24 hours). */
export async function composeDigest(
  db: Store | Tx,
  c: { now: Date; today: Day; config: Config; time: ZonedTime; ackBefore: Day; rules: LightRules; when: string },
): Promise<Digest> {
  const last = await lastDigestAt(db);
  const since = last ?? new Date(c.now.getTime() - 86_400_000);
  const [snapshot, tallies] = await Promise.all([
    loadSnapshot(db, { since, today: c.today, dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS, ackBefore: c.ackBefore, rules: c.rules }),
    loadTallies(db, c.today),
  ]);
  const options = {
    today: c.today,
    dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS,
    escalateDays: c.config.DUBAN_ESCALATE_DAYS,
    sinceLabel: last ? `${c.time.short(last)}日报以来` : "近24小时",
  };
  const tally = tallyOf(snapshot);
  const central = centralLine(snapshot, c.today);
  const board: DigestBoard = {
    today: c.today,
    when: c.when,
    totals: tally,
    previous: tallies.at(-1) ?? null,
    lights: snapshot.lights,
    alerts: [
      ...(central ? [central] : []),
      ...(snapshot.redNotices.n ? [`新发红色督办单 ${snapshot.redNotices.n} 份`] : []),
    ],
    units: snapshot.units.map((u) => ({ name: u.unitName, open: (u.states.NOT_STARTED ?? 0) + (u.states.IN_PROGRESS ?? 0), lights: u.lights, pending: u.states.PENDING_VERIFICATION ?? 0 })),
    trend: [...tallies, { day: c.today, ...tally }],
    trendDays: TREND_DAYS,
    dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS,
  };
  return { full: buildDigest(snapshot, options), brief: buildDigestBrief(snapshot, options), board, tally };
}

/** The digest as `deliver` sends it, its pictures shown as `整改日报-2026-12-01.png`. */
export function sendableDigest(d: Digest, today: Day): Sendable {
  return { pages: () => digestPictures(d.board), brief: d.brief, full: d.full, name: `整改日报-${today}`, today };
}
