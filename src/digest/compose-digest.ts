import type { Config } from "../config/load-config.ts";
import type { Day, ZonedTime } from "../core/zoned-time.ts";
import type { Tx } from "../handlers/handler-context.ts";
import type { Store } from "../store/open-store.ts";
import type { LightRules } from "../store/light-sql.ts";
import { buildDigest } from "./build-digest.ts";
import { loadSnapshot } from "./digest-snapshot.ts";
import { lastDigestAt } from "./last-digest.ts";

/** The digest as of now, reporting what changed since the last scheduled one (or 24 hours). */
export async function composeDigest(db: Store | Tx, c: { now: Date; today: Day; config: Config; time: ZonedTime; ackBefore: Day; rules: LightRules }): Promise<string> {
  const last = await lastDigestAt(db);
  const since = last ?? new Date(c.now.getTime() - 86_400_000);
  const snapshot = await loadSnapshot(db, { since, today: c.today, dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS, ackBefore: c.ackBefore, rules: c.rules });
  return buildDigest(snapshot, {
    today: c.today,
    dueSoonDays: c.config.DUBAN_DUE_SOON_DAYS,
    escalateDays: c.config.DUBAN_ESCALATE_DAYS,
    sinceLabel: last ? `${c.time.short(last)}日报以来` : "近24小时",
  });
}
