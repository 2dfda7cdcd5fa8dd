import { firstChars } from "../core/identity.ts";
import { daysBetween, dayLabel, type Day } from "../core/zoned-time.ts";
import { NOTICE_COLOURS, colourName, type NoticeColour } from "../domain/light.ts";
import type { UnitScore } from "../ranking/score-units.ts";
import type { BulletinSnapshot } from "./bulletin-snapshot.ts";

/** A body paragraph; `lead` (（一）区水利局。) is set in 楷体 before the text. */
export interface BulletinParagraph {
  lead?: string;
  text: string;
}

export interface BulletinSection {
  /** `一、总体进展情况` */
  heading: string;
  paragraphs: BulletinParagraph[];
}

/** What the paper says, before any layout: the docx writer only sets it. */
export interface BulletinPaper {
  office: string;
  /** `督办通报〔2026〕12号` */
  number: string;
  /** Its lines, broken where the sense allows (GB/T 9704: 回行时词意完整). */
  title: string[];
  opening: string;
  sections: BulletinSection[];
  /** `附件：…` under the body. */
  attachment: string;
  /** `2026年11月30日` */
  date: string;
  /** Header labels break at `\n`. */
  appendix: { title: string; caption: string; header: string[]; rows: string[][]; note: string };
  /** One line for the chat, before the file. */
  summary: string;
}

export interface BulletinFacts {
  office: string;
  year: number;
  number: number;
  /** Monday of the week, and the day reported on. */
  week: Day;
  day: Day;
  /** The day it is made: its date line. */
  issued: Day;
}

/** Units named in a sentence before 等N个单位; lagging units given a paragraph; issues listed per unit. */
const NAMED_UNITS = 10;
const LAGGING_UNITS = 8;
export const OVERDUE_LISTED = 3;
const DESCRIPTION_CHARS = 40;
const NOTICE_UNITS = 15;

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** `（一）` … `（十）`, then `（11）`: more than ten leads are never set. */
const lead = (i: number) => `（${CN_NUMBERS[i] ?? String(i + 1)}）`;

/** Whole percent, as the weekly ranking shows it. */
const pct = (n: number, d: number) => `${Math.round((100 * n) / d)}%`;

/** `2026年11月30日` */
export function chineseDate(day: Day): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** `A、B、C等12个单位` (等 closes a full list too, as 公文 write it); one unit by its name. */
function unitList(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, NAMED_UNITS).join("、")}等${names.length}个单位` : names.join("");
}

const shorten = (text: string) => {
  const one = text.replace(/\s+/g, " ").trim().replace(/[。；;，,]+$/, "");
  return [...one].length > DESCRIPTION_CHARS ? `${firstChars(one, DESCRIPTION_CHARS)}…` : one;
};

function noticeParts(n: Record<NoticeColour, number>): string {
  return NOTICE_COLOURS.filter((c) => n[c] > 0)
    .map((c) => `${colourName(c)}色${n[c]}份`)
    .join("、");
}

/** Pure: the week's 情况通报 from its snapshot and the ranking's scores (in ranking order). */
export function composeBulletin(s: BulletinSnapshot, scores: UnitScore[], f: BulletinFacts): BulletinPaper {
  const thisYear = Number(f.day.slice(0, 4));
  const range = f.week === f.day ? dayLabel(f.day, thisYear) : `${dayLabel(f.week, thisYear)}至${dayLabel(f.day, thisYear)}`;
  const asOf = dayLabel(f.day, thisYear);
  const c = (state: string) => s.counts[state] ?? 0;
  const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const open = c("NOT_STARTED") + c("IN_PROGRESS");
  const due = scores.reduce((n, u) => n + u.due, 0);
  const onTime = scores.reduce((n, u) => n + u.onTime, 0);
  const lit = { RED: 0, YELLOW: 0, BLUE: 0, GREEN: 0 };
  for (const l of s.ranking.lights) lit[l.light] += l.n;

  const overall: BulletinParagraph[] = [
    {
      text:
        `截至${asOf}，台账共有问题${total}个，其中已销号${c("CLOSED")}个、待核实${c("PENDING_VERIFICATION")}个、整改中${c("IN_PROGRESS")}个、未开始${c("NOT_STARTED")}个。` +
        (open === 0 ? "" : s.overdue ? `在办问题中已超过整改时限的${s.overdue}个。` : "在办问题均未超过整改时限。"),
    },
    { text: `本周新增问题${s.week.created}个，单位报告整改完成${s.week.claimed}个，核实销号${s.week.closed}个。` },
    {
      text: due
        ? `已到整改时限的问题${due}个，按期完成${onTime}个，按期完成率${pct(onTime, due)}。`
        : "目前尚无已到整改时限的问题。",
    },
  ];
  if (open) overall.push({ text: `按今日亮灯，在办问题中红灯${lit.RED}个、黄灯${lit.YELLOW}个、蓝灯${lit.BLUE}个、绿灯${lit.GREEN}个。` });

  const good = scores.filter((u) => u.due > 0 && u.overdue === 0 && u.onTime === u.due).map((u) => u.unitName);
  const notDue = scores.filter((u) => u.due === 0).length;
  const goodText =
    (good.length ? `${unitList(good)}已到整改时限的问题均按期完成，无逾期问题。` : `截至${asOf}，没有已到整改时限的问题全部按期完成的单位。`) +
    (notDue ? `另有${notDue}个单位尚无已到整改时限的问题。` : "");

  const tally = new Map(s.units.map((u) => [u.unitId, u]));
  const listed = new Map<number, typeof s.overdueIssues>();
  for (const i of s.overdueIssues) listed.set(i.unitId, [...(listed.get(i.unitId) ?? []), i]);
  // Every overdue issue counts here, 自查 ones too (the ranking spares them): the paper lists them.
  const overdueOf = (u: UnitScore) => tally.get(u.unitId)?.overdue ?? 0;
  const behind = scores
    .filter((u) => overdueOf(u) > 0)
    .sort((a, b) => overdueOf(b) - overdueOf(a) || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || a.unitName.localeCompare(b.unitName, "zh"));
  const lagging: BulletinParagraph[] = [];
  for (const [k, u] of behind.slice(0, LAGGING_UNITS).entries()) {
    const issues = listed.get(u.unitId) ?? [];
    const overdue = overdueOf(u);
    const rate = u.due ? `，按期完成率${pct(u.onTime, u.due)}` : "";
    lagging.push({ lead: `${lead(k)}${u.unitName}。`, text: `逾期问题${overdue}个${rate}。` });
    for (const [j, i] of issues.entries()) {
      lagging.push({ text: `${j + 1}. ${i.code} ${shorten(i.description)}，整改时限${dayLabel(i.deadline, thisYear)}，已逾期${daysBetween(i.deadline, f.day)}天。` });
    }
    const more = overdue - issues.length;
    if (more > 0) lagging.push({ text: `另有逾期问题${more}个，不再逐一列出。` });
  }
  if (behind.length > LAGGING_UNITS) lagging.push({ text: `此外，另有${behind.length - LAGGING_UNITS}个单位有逾期问题，逾期数见附件。` });
  if (behind.length === 0) lagging.push({ text: `截至${asOf}，没有单位有逾期问题。` });

  const byColour: Record<NoticeColour, number> = { RED: 0, YELLOW: 0, BLUE: 0 };
  const byUnit = new Map<string, Record<NoticeColour, number>>();
  for (const n of s.notices) {
    byColour[n.colour] += n.n;
    const u = byUnit.get(n.unitName) ?? { RED: 0, YELLOW: 0, BLUE: 0 };
    u[n.colour] += n.n;
    byUnit.set(n.unitName, u);
  }
  const noticeTotal = byColour.RED + byColour.YELLOW + byColour.BLUE;
  const noticeText: BulletinParagraph[] = [];
  if (noticeTotal === 0) noticeText.push({ text: "本周未下发督办单。" });
  else {
    noticeText.push({ text: `本周共下发督办单${noticeTotal}份，其中${noticeParts(byColour)}。` });
    const units = [...byUnit].sort(
      ([a, x], [b, y]) => y.RED - x.RED || y.RED + y.YELLOW + y.BLUE - (x.RED + x.YELLOW + x.BLUE) || a.localeCompare(b, "zh"),
    );
    const shown = units.slice(0, NOTICE_UNITS).map(([name, n]) => `${name}${noticeParts(n)}`);
    noticeText.push({ text: `分单位：${shown.join("；")}${units.length > NOTICE_UNITS ? `；另有${units.length - NOTICE_UNITS}个单位，见附件` : ""}。` });
  }

  const next: string[] = [];
  if (s.overdue) next.push("有逾期问题的单位要逐项说明逾期原因，于下周内报送整改进展；确实无法按期完成的，按程序申请延期。");
  if (c("PENDING_VERIFICATION")) next.push(`对已报告完成的${c("PENDING_VERIFICATION")}个问题，督办办公室将组织核实，符合要求的予以销号。`);
  if (open) next.push("各单位要按整改时限和整改方案节点推进，及时报送进展；督办办公室将继续按日亮灯、按周通报，对逾期问题下发红色督办单。");
  else next.push("各单位要巩固整改成效，对已销号问题开展回头看，防止反弹。");

  const appendixTitle = "各单位问题整改情况统计表";
  const rows = scores.map((u, i) => {
    const t = tally.get(u.unitId);
    return [String(i + 1), u.unitName, String(t?.total ?? 0), String(t?.open ?? 0), String(t?.overdue ?? 0), String(t?.pending ?? 0), String(t?.closed ?? 0), u.due ? pct(u.onTime, u.due) : "—", String(t?.notices ?? 0)];
  });
  const sum = (k: "total" | "open" | "overdue" | "pending" | "closed" | "notices") => String(s.units.reduce((n, u) => n + u[k], 0));
  rows.push(["", "合计", sum("total"), sum("open"), sum("overdue"), sum("pending"), sum("closed"), due ? pct(onTime, due) : "—", sum("notices")]);

  const number = `督办通报〔${f.year}〕${f.number}号`;
  return {
    office: f.office,
    number,
    title: [`关于${range}`, "问题整改督办工作情况的通报"],
    opening: `现将${range}问题整改督办工作情况通报如下。`,
    sections: [
      { heading: "一、总体进展情况", paragraphs: overall },
      { heading: "二、工作较好的单位", paragraphs: [{ text: goodText }] },
      { heading: "三、进度滞后的单位", paragraphs: lagging },
      { heading: "四、督办单下发情况", paragraphs: noticeText },
      { heading: "五、下一步工作", paragraphs: next.map((text, i) => ({ lead: `${lead(i)}`, text })) },
    ],
    attachment: `附件：${appendixTitle}`,
    date: chineseDate(f.issued),
    appendix: {
      title: appendixTitle,
      caption: `（截至${chineseDate(f.day)}）`,
      header: ["序号", "责任单位", "问题\n总数", "在办", "其中\n逾期", "待核实", "已销号", "按期\n完成率", "本年\n督办单"],
      rows,
      note: "注：单位按周排名顺序排列；按期完成率＝按期完成的问题÷已到整改时限的问题，“—”为尚无到期问题。",
    },
    summary: `${number}（${range}）：问题共${total}个，在办${open}个，其中逾期${s.overdue}个；本周销号${s.week.closed}个，下发督办单${noticeTotal}份。`,
  };
}
