import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { STATES, daysOverdue, isOpen } from "../domain/issue-state.ts";
import { cappedLines } from "../format/capped-lines.ts";
import { stateLabel } from "../format/issue-status.ts";
import { NO_EVIDENCE } from "../format/no-evidence.ts";
import type { DigestSnapshot, SnapshotIssue } from "./digest-snapshot.ts";

export interface DigestOptions {
  today: Day;
  dueSoonDays: number;
  escalateDays: number;
  /** `昨日8:30以来` — what "since the last digest" means in this one. */
  sinceLabel: string;
}

/** How many names a section lists before it only counts: the digest is read on a phone. */
const SECTION_LIMIT = 10;

const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];

const capped = <T>(items: T[], line: (t: T) => string, rest = "个") => cappedLines(items, SECTION_LIMIT, line, rest);

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** The seed speech puts the 中字头 sources (central inspection and its follow-ups) first, and so does the digest. */
const centralFirst = (a: SnapshotIssue, b: SnapshotIssue) => Number(b.central !== "") - Number(a.central !== "");

/** `ZG-2026-001【中央环保督察】`: a 中字头 issue names its source wherever the digest lists it. */
function codeOf(i: SnapshotIssue): string {
  return i.central ? `${i.code}【${i.central}】` : i.code;
}

/** Pure: a snapshot of the ledger → the leaders' digest (README, Schedules). */
export function buildDigest(s: DigestSnapshot, o: DigestOptions): string {
  const { today } = o;
  const year = Number(today.slice(0, 4));
  const weekday = WEEKDAY[new Date(`${today}T00:00:00Z`).getUTCDay()];
  const lines = [`【整改日报】${dayLabel(today, year)}（周${weekday}）`];

  const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const overdue = s.issues.filter((i) => daysOverdue(i, today) > 0).sort((a, b) => centralFirst(a, b) || a.deadline.localeCompare(b.deadline));
  if (s.centralOpen) {
    const late = overdue.filter((i) => i.central).length;
    lines.push(`【中字头】中央环保督察及回访问题在办 ${s.centralOpen} 个${late ? `，其中逾期 ${late} 个` : ""}。`);
  }
  lines.push(
    `共 ${total} 个：${STATES.map((st) => `${stateLabel(st)} ${s.counts[st] ?? 0}`).join("，")}；逾期 ${overdue.length} 个${s.longTermOpen ? `；长期坚持 ${s.longTermOpen} 个（不计逾期）` : ""}。`,
  );

  const claims = s.events.filter((e) => e.type === EVENT.COMPLETION_CLAIM);
  const closed = s.events.filter((e) => e.type === EVENT.VERIFY_PASS);
  const reports = s.events.filter((e) => e.type === EVENT.PROGRESS);
  const reopened = s.events.filter((e) => e.type === EVENT.REVIEW_REBOUND);
  const assigned = s.events.filter((e) => e.type === EVENT.ASSIGNED).length;
  const selfFound = s.events.filter((e) => e.type === EVENT.SELF_FOUND).length;
  const reportingUnits = new Set(reports.map((e) => e.unitName));
  const intake = `${assigned ? `，新交办 ${assigned} 个` : ""}${selfFound ? `，自查发现 ${selfFound} 个` : ""}`;
  lines.push(
    `${o.sinceLabel}：报完成 ${claims.length} 个，销号 ${closed.length} 个，报进度 ${reports.length} 条（${reportingUnits.size} 个单位）${reopened.length ? `，反弹重开 ${reopened.length} 个` : ""}${intake}。`,
  );
  if (claims.length) lines.push(...capped(claims, (e) => `· ${e.unitName} 报完成 ${e.code}`));
  if (closed.length) lines.push(...capped(closed, (e) => `· 销号 ${e.code}（${e.unitName}）`));

  if (overdue.length) {
    lines.push("逾期问题（按单位）：");
    // Each unit's list starts with its 中字头 issues, and units with one come first.
    const byUnit = [...groupBy(overdue, (i) => i.unitName)].sort(
      (a, b) => centralFirst(a[1][0]!, b[1][0]!) || b[1].length - a[1].length || a[1][0]!.deadline.localeCompare(b[1][0]!.deadline),
    );
    lines.push(
      ...capped(
        byUnit,
        ([unit, list]) =>
          `· ${unit} ${list.length} 个：${list
            .slice(0, 3)
            .map((i) => `${codeOf(i)} 逾期${daysOverdue(i, today)}天`)
            .join("，")}${list.length > 3 ? " 等" : ""}`,
        "个单位",
      ),
    );
  }

  const dueSoon = s.issues
    .filter((i) => isOpen(i.state) && daysBetween(today, i.deadline) >= 0 && daysBetween(today, i.deadline) <= o.dueSoonDays)
    .sort((a, b) => centralFirst(a, b) || a.deadline.localeCompare(b.deadline));
  if (dueSoon.length) {
    lines.push(`${o.dueSoonDays}日内到期 ${dueSoon.length} 个：`);
    lines.push(...capped(dueSoon, (i: SnapshotIssue) => `· ${codeOf(i)} ${i.unitName} ${dayLabel(i.deadline, year)}`));
  }

  if (s.unacked.length) {
    const n = s.unacked.reduce((sum, u) => sum + u.n, 0);
    lines.push(`交办未签收 ${n} 个：`);
    lines.push(...capped(s.unacked, (u) => `· ${u.unitName} ${u.n} 个`, "个单位"));
  }

  const pending = s.issues.filter((i) => i.state === "PENDING_VERIFICATION");
  if (pending.length) {
    lines.push(`待核实 ${pending.length} 个：`);
    const bare = new Set(s.noEvidence);
    lines.push(...capped(pending, (i) => `· ${i.code} ${i.unitName}${bare.has(i.code) ? NO_EVIDENCE : ""}`));
  }

  const escalated = overdue.filter((i) => daysOverdue(i, today) >= o.escalateDays);
  if (escalated.length) {
    lines.push(`【督办】逾期${o.escalateDays}天以上 ${escalated.length} 个：`);
    lines.push(...capped(escalated, (i) => `· ${codeOf(i)} ${i.unitName} 逾期${daysOverdue(i, today)}天`));
  }
  return lines.join("\n");
}
