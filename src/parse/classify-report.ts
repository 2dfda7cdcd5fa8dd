/**
 * Reads a unit's free-text report the way a person would: is it a claim that the work
 * is done, or progress? `已完成80%` is progress; `未完成` denies; `已完成部分` is partial.
 */
const DONE = /(?:已经?|现已|均已|全部|已全部)(?:完成|整改|办结|完工|落实)|整改(?:完成|完毕|到位|结束)|完成(?:了)?整改|已办结|办结了|已销号/;
const DENIED = /(?:未|没有?|尚未|还未|仍未|暂未|不能|无法|没能|还没有?)(?:全部|完全|能)?(?:完成|整改|办结|完工|落实)/;
const PARTIAL = /部分|一半|大部分|初步|基本|阶段性|正在|仍在|还在|还需|尚需|下一步|继续/;
const QUESTION = /[?？]|吗|是否|有没有|能否|什么时候/;
const DONE_SHORT = /^(?:已经?)?(?:完成|办结|整改好)了?(?:[,;。!！\s]|$)/;

export type ReportIntent = "complete" | "progress";

/** The first `NN%` in a report, if it is a sensible percentage. */
export function percentIn(text: string): number | undefined {
  const m = /(?<![\d.eE+-])(\d{1,3}(?:\.\d+)?)\s*%/.exec(text);
  if (!m) return undefined;
  const n = Math.round(Number(m[1]));
  return n >= 0 && n <= 100 ? n : undefined;
}

export function classifyReport(text: string): ReportIntent {
  const pct = percentIn(text);
  if (pct !== undefined && pct < 100) return "progress";
  if (DENIED.test(text) || PARTIAL.test(text) || QUESTION.test(text)) return "progress";
  return DONE.test(text) || DONE_SHORT.test(text) ? "complete" : "progress";
}

const ACK = /^(?:(?:收到了?|好的?了?|明白了?|知道了?|了解|已阅|ok|OK|嗯+|谢谢[您你]?|感谢|辛苦了?|👌|👍|🙏|\[(?:强|OK|抱拳|握手)\])[!！。.,，~～\s]*)+$/u;

/** `收到` and the like: a reply to a reminder that reports nothing. */
export function isAcknowledgement(text: string): boolean {
  return ACK.test(text.trim());
}
