import { readReport } from "./classify-report.ts";
import type { Command, CommandOf } from "./command.ts";
import { restoreChinesePunctuation as prose } from "./normalize-text.ts";

/** An existing code named in a message, and where. */
export interface NamedCode {
  code: string;
  unitId: number;
  start: number;
  end: number;
}

type Report = CommandOf<"progress"> | CommandOf<"complete">;

// What may stand between two codes without saying anything: `ZG-3和ZG-4`, `ZG-5、ZG-6`.
const JOINER = /^[\s,;:、。.!！()【】[\]「」"“”'‘’/&+~和及与跟或以还有等至到]*$/u;
const LEADING_JUNK = /^[号\s,;:、。.!！)）】\]」"”'’的]+/u;
// Trailing openers, and the number of the next item in a list (`1.ZG-1 已完成 2.ZG-2 …`).
const TRAILING_JUNK = /(?:[\s,;:、(（【[「"“'‘]|\s\d{1,2}[.、)）]?)+$/u;
// `关于`, `报告：`, `【`, `区水利局报：`: words before the code that frame the report.
const FRAMING =
  /^(?:\p{Script=Han}{0,15}?(?:局|镇|街道|街道办|办事处|办|委|乡|村|社区|公司|集团|厂|所|站|中心|科|队|室|组|院|园区))?(?:整改)?(?:关于|报告|汇报|回复|反馈|报送|上报|报|现报告|现将|特此报告|情况)?(?:整改)?(?:进度|进展|完成情况|情况|完成)?(?:如下)?$/u;

// With its code not first, a notice passed on (or the bot's own reminder pasted back), hearsay,
// what someone else said or asked for, or talk about a meeting or a visit is not the unit's
// statement about the work.
const ASIDE =
  /通报|督办通知|整改提醒|逾期\d+天|尚未报送进度|请抓紧|请尽快|听说|据说|上次.{0,8}说|开会|研究|会上|到.{0,12}现场了|跟.{0,10}说了|说一声|跟我说|(?<!按照?)要求|(?:主任|局长|科长|领导|书记|区长|镇长|他|她|有人|群众)们?(?:说|讲|反映)|(?:说|讲|反映)[\s:：]*[A-Za-z]{1,8}[-_ ]?\d|各单位|转发|已逾期/u;
const SAME = /^(?:也是|也一样|也同样|同上|一样)[\s,;。.!！~]*$/u;

const clean = (s: string) => s.replace(LEADING_JUNK, "").replace(TRAILING_JUNK, "").trim();
const strip = (s: string) => s.replace(/[\s,;:、。.!！()【】[\]「」"“”'‘’<>《》#/\d]/gu, "");

function toReport(code: string, statement: string, note: string, codeLed: boolean): Report | null {
  const reading = readReport(statement);
  if (reading.kind === "complete") return { type: "complete", code, note };
  // Led by its code, a message about the issue is progress; otherwise only a statement is.
  if (reading.kind !== "progress" && !codeLed) return null;
  return reading.percent === undefined ? { type: "progress", code, note } : { type: "progress", code, note, percent: reading.percent };
}

/**
 * Pure: a message in a unit's group that names several codes, or its codes not first →
 * a report for each of the unit's codes, or null when it reports nothing (a question,
 * a mere mention). Each code takes the words after it, or the next words when only a
 * joiner follows it (`ZG-3和ZG-4均已完成`); when at most one stretch says anything, the
 * whole message is the statement for every code.
 */
export function readReports(text: string, named: readonly NamedCode[], unitId: number, codeLed: boolean): Command | null {
  if (named.length === 0 || (!codeLed && ASIDE.test(text))) return null;
  const segments = named.map((n, i) => text.slice(n.end, named[i + 1]?.start ?? text.length));
  const says = segments.map((s) => !JOINER.test(s));
  const speaking = says.filter(Boolean).length;
  const preamble = text.slice(0, named[0]!.start);

  // A code after the last statement has none of its own (`ZG-1搞定了，接下来是ZG-2`):
  // only codes joined to a later statement share it; a statement in the preamble serves all.
  const trailing = speaking > 0 && !says[says.length - 1];
  let statementOf: (i: number) => { statement: string; note: string } | null;
  if (speaking >= 2 || trailing) {
    statementOf = (i) => {
      const j = says.indexOf(true, i);
      if (j < 0) return null;
      let own = clean(segments[j]!);
      // `ZG-2也是`: the whole clause repeats the statement before it.
      for (let k = j; SAME.test(own) && k > 0; ) {
        k = says.lastIndexOf(true, k - 1);
        if (k < 0) break;
        own = clean(segments[k]!);
      }
      return { statement: own, note: prose(own) };
    };
  } else {
    let blanked = "";
    let at = 0;
    for (const n of named) {
      blanked += `${text.slice(at, n.start)} `;
      at = n.end;
    }
    blanked += text.slice(at);
    const only = says.indexOf(true);
    const note = only >= 0 && FRAMING.test(strip(preamble)) ? clean(segments[only]!) : text;
    statementOf = () => ({ statement: blanked, note: prose(note) });
  }

  const reports: Report[] = [];
  const others: string[] = [];
  const seen = new Set<string>();
  named.forEach((n, i) => {
    if (seen.has(n.code)) return;
    seen.add(n.code);
    if (n.unitId !== unitId) {
      others.push(n.code);
      return;
    }
    const own = statementOf(i);
    if (!own) return;
    const { statement, note } = own;
    const report = toReport(n.code, statement, note, codeLed);
    if (report) reports.push(report);
  });
  if (reports.length === 0 && !codeLed) return null;
  return { type: "reports", reports, others };
}
