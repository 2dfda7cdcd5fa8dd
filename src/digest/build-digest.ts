import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { EVENT } from "../domain/event-type.ts";
import { STATES, daysOverdue, isOpen } from "../domain/issue-state.ts";
import { dayHeading } from "../format/day-heading.ts";
import { stateLabel } from "../format/issue-status.ts";
import { NO_EVIDENCE } from "../format/no-evidence.ts";
import { LIGHTS, lightLabel, noticeNumber } from "../domain/light.ts";
import type { DigestSnapshot, SnapshotIssue, SnapshotNotice, YellowWhy } from "./digest-snapshot.ts";

export interface DigestOptions {
  today: Day;
  dueSoonDays: number;
  escalateDays: number;
  /** `昨日8:30以来` — what "since the last digest" means in this one. */
  sinceLabel: string;
}

/** How many names a section lists before it only counts, however many lines are left. */
const SECTION_LIMIT = 10;

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

/** A list the digest may show: its heading (if any), its lines, and what its rest is counted in. */
interface Section {
  heading: string | null;
  items: string[];
  /** How many there are, when `items` holds only the first of them. */
  total?: number;
  /** `个` / `个单位`, and where the full list is (`发送“逾期”查看全部`). */
  rest: string;
}

/** The digest is read on a phone: about this many lines, whatever the ledger's size. */
export const DIGEST_LINES = 25;

/**
 * Fits the lists into what is left of DIGEST_LINES after the fixed lines and the headings:
 * one line to each list in turn until the lines run out, so that every list is seen and a
 * long one cannot push the others out. A list cut short ends with a line counting the rest.
 */
function fitSections(fixed: number, sections: Section[]): string[] {
  const shown = sections.filter((x) => x.items.length > 0);
  let left = DIGEST_LINES - fixed - shown.filter((x) => x.heading !== null).length;
  // All its lines, or SECTION_LIMIT of them and one counting the rest.
  const wants = shown.map((x) => ((x.total ?? x.items.length) > SECTION_LIMIT ? SECTION_LIMIT + 1 : x.items.length));
  const alloc = shown.map(() => 0);
  for (let more = true; more && left > 0; ) {
    more = false;
    shown.forEach((_, i) => {
      if (left > 0 && alloc[i]! < wants[i]!) {
        alloc[i]!++;
        left--;
        more = true;
      }
    });
  }
  return shown.flatMap((x, i) => {
    const n = alloc[i]!;
    const all = x.total ?? x.items.length;
    const fits = n >= all;
    const items = fits ? x.items : x.items.slice(0, Math.max(0, n - 1));
    const rest = fits ? [] : [`……另有 ${all - items.length} ${x.rest}`];
    return [...(x.heading === null ? [] : [x.heading]), ...items, ...rest];
  });
}

/** Red 督办单 the short text after the picture names; the rest are counted. */
const BRIEF_NOTICES = 3;

const redLine = (n: SnapshotNotice) => `· ${noticeNumber(n)} ${n.code} ${n.unitName}｜${n.reason}`;

const WHY: Record<YellowWhy, string> = { milestone: "节点逾期", lagging: "进度滞后", stale: "未报进度" };

const overdueOf = (s: DigestSnapshot, today: Day) =>
  s.issues.filter((i) => daysOverdue(i, today) > 0).sort((a, b) => centralFirst(a, b) || a.deadline.localeCompare(b.deadline));

/** `【中字头】中央环保督察及回访问题在办 3 个，其中逾期 2 个`, or null with none open: the line the digest leads with, in its text and its picture. */
export function centralLine(s: DigestSnapshot, today: Day): string | null {
  if (!s.centralOpen) return null;
  const late = s.issues.filter((i) => i.central && daysOverdue(i, today) > 0).length;
  return `【中字头】中央环保督察及回访问题在办 ${s.centralOpen} 个${late ? `，其中逾期 ${late} 个` : ""}`;
}

/** The digest's first lines: the day, the totals, the lights, and what happened since the last one. */
function digestHead(s: DigestSnapshot, o: DigestOptions): string[] {
  const { today } = o;
  const head = [`【整改日报】${dayHeading(today)}`];

  const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const overdue = overdueOf(s, today);
  const central = centralLine(s, today);
  if (central) head.push(`${central}。`);
  head.push(
    `共 ${total} 个：${STATES.map((st) => `${stateLabel(st)} ${s.counts[st] ?? 0}`).join("，")}；逾期 ${overdue.length} 个${s.longTermOpen ? `；长期坚持 ${s.longTermOpen} 个（不计逾期）` : ""}。`,
  );
  if (LIGHTS.some((l) => s.lights[l] > 0)) head.push(`亮灯：${LIGHTS.map((l) => `${lightLabel(l)} ${s.lights[l]} 个`).join("，")}。`);

  const claims = s.events.filter((e) => e.type === EVENT.COMPLETION_CLAIM);
  const closed = s.events.filter((e) => e.type === EVENT.VERIFY_PASS);
  // A milestone marked done (节点 … 完成) is a progress report too.
  const reports = s.events.filter((e) => e.type === EVENT.PROGRESS || e.type === EVENT.MILESTONE_DONE);
  const reopened = s.events.filter((e) => e.type === EVENT.REVIEW_REBOUND);
  const assigned = s.events.filter((e) => e.type === EVENT.ASSIGNED).length;
  const selfFound = s.events.filter((e) => e.type === EVENT.SELF_FOUND).length;
  const reportingUnits = new Set(reports.map((e) => e.unitName));
  const intake = `${assigned ? `，新交办 ${assigned} 个` : ""}${selfFound ? `，自查发现 ${selfFound} 个` : ""}`;
  head.push(
    `${o.sinceLabel}：报完成 ${claims.length} 个，销号 ${closed.length} 个，报进度 ${reports.length} 条（${reportingUnits.size} 个单位）${reopened.length ? `，反弹重开 ${reopened.length} 个` : ""}${intake}。`,
  );
  return head;
}

/**
 * Pure: the text that follows the digest's picture: its head, and what to send for the
 * lists the picture leaves out.
 */
export function buildDigestBrief(s: DigestSnapshot, o: DigestOptions): string {
  const more = [
    "“统计 文字”看完整日报",
    ...(s.lights.RED ? ["“逾期”看逾期清单"] : []),
    ...(s.lights.YELLOW ? ["“清单 黄灯”看黄灯问题"] : []),
    ...(s.redNotices.n ? ["“督办单 红”看红色督办单"] : []),
  ];
  // The red 督办单 are news a leader acts on (DESIGN §4): named here, the first few.
  const red = s.redNotices.n
    ? [`新发红色督办单 ${s.redNotices.n} 份：`, ...s.redNotices.first.slice(0, BRIEF_NOTICES).map(redLine), ...(s.redNotices.n > BRIEF_NOTICES ? [`……另有 ${s.redNotices.n - BRIEF_NOTICES} 份`] : [])]
    : [];
  return [...digestHead(s, o), ...red, `发送${more.join("，")}。`].join("\n");
}

/** Pure: a snapshot of the ledger → the leaders' digest (README, Schedules). */
export function buildDigest(s: DigestSnapshot, o: DigestOptions): string {
  const { today } = o;
  const year = Number(today.slice(0, 4));
  const head = digestHead(s, o);
  const overdue = overdueOf(s, today);
  const claims = s.events.filter((e) => e.type === EVENT.COMPLETION_CLAIM);
  const closed = s.events.filter((e) => e.type === EVENT.VERIFY_PASS);

  const sections: Section[] = [
    { heading: null, items: claims.map((e) => `· ${e.unitName} 报完成 ${e.code}`), rest: "个" },
    { heading: null, items: closed.map((e) => `· 销号 ${e.code}（${e.unitName}）`), rest: "个" },
  ];
  if (s.redNotices.n) {
    sections.push({
      heading: `新发红色督办单 ${s.redNotices.n} 份：`,
      items: s.redNotices.first.map(redLine),
      total: s.redNotices.n,
      rest: "份，发送“督办单 红”查看",
    });
  }

  if (s.stranded.length) {
    sections.push({
      heading: `督办单 ${s.stranded.reduce((sum, u) => sum + u.n, 0)} 份无法送达（单位未绑定工作群，请督查室绑定）：`,
      items: s.stranded.map((u) => `· ${u.unitName} ${u.n} 份`),
      rest: "个单位",
    });
  }

  // Each unit's list starts with its 中字头 issues, and units with one come first.
  const byUnit = [...groupBy(overdue, (i) => i.unitName)].sort(
    (a, b) => centralFirst(a[1][0]!, b[1][0]!) || b[1].length - a[1].length || a[1][0]!.deadline.localeCompare(b[1][0]!.deadline),
  );
  sections.push({
    heading: "逾期问题（按单位）：",
    items: byUnit.map(
      ([unit, list]) =>
        `· ${unit} ${list.length} 个：${list
          .slice(0, 3)
          .map((i) => `${codeOf(i)} 逾期${daysOverdue(i, today)}天`)
          .join("，")}${list.length > 3 ? " 等" : ""}`,
    ),
    rest: "个单位，发送“逾期”查看全部",
  });
  sections.push({
    heading: `黄灯 ${s.lights.YELLOW} 个（按单位）：`,
    items: s.yellow.map((u) => `· ${u.unitName} ${u.n} 个：${u.issues.map((i) => `${i.code} ${WHY[i.why]}`).join("，")}${u.n > u.issues.length ? " 等" : ""}`),
    rest: "个单位，发送“清单 黄灯”查看全部",
  });

  const dueSoon = s.issues
    .filter((i) => isOpen(i.state) && daysBetween(today, i.deadline) >= 0 && daysBetween(today, i.deadline) <= o.dueSoonDays)
    .sort((a, b) => centralFirst(a, b) || a.deadline.localeCompare(b.deadline));
  sections.push({
    heading: `${o.dueSoonDays}日内到期 ${dueSoon.length} 个：`,
    items: dueSoon.map((i) => `· ${codeOf(i)} ${i.unitName} ${dayLabel(i.deadline, year)}`),
    rest: "个",
  });

  sections.push({
    heading: `交办未签收 ${s.unacked.reduce((sum, u) => sum + u.n, 0)} 个：`,
    items: s.unacked.map((u) => `· ${u.unitName} ${u.n} 个`),
    rest: "个单位",
  });

  const pending = s.issues.filter((i) => i.state === "PENDING_VERIFICATION");
  const bare = new Set(s.noEvidence);
  sections.push({ heading: `待核实 ${pending.length} 个：`, items: pending.map((i) => `· ${i.code} ${i.unitName}${bare.has(i.code) ? NO_EVIDENCE : ""}`), rest: "个" });

  const escalated = overdue.filter((i) => daysOverdue(i, today) >= o.escalateDays);
  sections.push({
    heading: `【督办】逾期${o.escalateDays}天以上 ${escalated.length} 个：`,
    items: escalated.map((i) => `· ${codeOf(i)} ${i.unitName} 逾期${daysOverdue(i, today)}天`),
    rest: "个",
  });
  return [...head, ...fitSections(head.length, sections)].join("\n");
}
