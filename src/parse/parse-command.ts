import { firstChars } from "../core/identity.ts";
import { lightNamed } from "../domain/light.ts";
import type { DateSpec } from "../domain/resolve-date.ts";
import { classifyReport, percentIn } from "./classify-report.ts";
import type { NoticeColour } from "../domain/light.ts";
import type { Command, CommandName } from "./command.ts";
import { codeAtStart } from "./issue-code.ts";
import { LONG_TERM_WORDS, parseDateAtStart } from "./parse-date.ts";
import { readPlanStep, splitPlan } from "./plan-steps.ts";
import { restoreChinesePunctuation as prose } from "./normalize-text.ts";

/** Every spelling of a command word, longest first so 批准延期 wins over 延期. */
const WORDS: [string, CommandName][] = (
  [
    ["批准延期", "批准延期"],
    ["回头看", "回头看"],
    ["本单位", "清单"],
    ["帮助", "帮助"],
    ["help", "帮助"],
    ["菜单", "帮助"],
    ["查询", "查询"],
    ["清单", "清单"],
    ["逾期", "逾期"],
    ["进度", "进度"],
    ["进展", "进度"],
    ["完成", "完成"],
    ["延期", "延期"],
    ["统计", "统计"],
    ["日报", "统计"],
    ["绑定", "绑定"],
    ["解绑", "解绑"],
    ["核实", "核实"],
    ["交办", "交办"],
    ["签收", "签收"],
    ["自查", "自查"],
    ["驳回延期", "驳回延期"],
    ["导出", "导出"],
    ["导出台账", "导出"],
    ["通报", "通报"],
    ["情况通报", "通报"],
    ["附件", "附件"],
    ["督办单", "督办单"],
    ["督办单台账", "督办单"],
    ["方案", "方案"],
    ["整改方案", "方案"],
    ["节点", "节点"],
  ] as [string, CommandName][]
).sort((a, b) => b[0].length - a[0].length);

const TAKES_CODE = new Set<CommandName>(["查询", "进度", "完成", "延期", "核实", "批准延期", "回头看", "签收", "驳回延期", "附件", "方案", "节点"]);

/** `统计 文字`: the words that pick the digest's form (anything else after 统计 is ignored, as before). */
const STATS_AS = new Map<string, "text" | "image">([
  ["文字", "text"],
  ["文字版", "text"],
  ["文本", "text"],
  ["图片", "image"],
  ["图片版", "image"],
  ["图", "image"],
]);

const SEP = /^[\s:,;、]+/;
const skipSep = (s: string) => s.replace(SEP, "");

export function commandWordAtStart(text: string): { name: CommandName; rest: string } | null {
  const t = text.replace(/^[#/]\s*/, "");
  const lower = t.toLowerCase();
  for (const [word, name] of WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = t.slice(word.length);
    // `完成了吗？` is chat, not a command: the word must end the message or be followed
    // by a separator (or, for commands that take one, directly by an issue code).
    if (rest === "" || SEP.test(rest) || (TAKES_CODE.has(name) && /^[A-Za-z]/.test(rest) && codeAtStart(rest)) || (name === "统计" && STATS_AS.has(rest.trim()))) {
      return { name, rest };
    }
  }
  return null;
}

const usage = (command: CommandName, problem?: string): Command =>
  problem === undefined ? { type: "usage", command } : { type: "usage", command, problem };

function withCode(name: CommandName, rest: string, then: (code: string, after: string) => Command): Command {
  const args = skipSep(rest);
  const found = codeAtStart(args);
  if (!found) return usage(name, args ? `“${firstChars(args, 20)}”不是问题编号` : "缺少问题编号");
  return then(found.code, skipSep(found.rest));
}

function withDate(name: CommandName, text: string, then: (date: DateSpec, after: string) => Command): Command {
  const parsed = parseDateAtStart(text);
  if (!parsed.ok) return usage(name, parsed.reason === "missing" ? "缺少日期" : `日期“${parsed.text ?? ""}”无效`);
  return then(parsed.date, skipSep(parsed.rest).trim());
}

/** A unit's report that starts with the code: completion or progress, read as a person would. */
export function reportCommand(code: string, text: string): Command {
  const note = prose(text);
  if (classifyReport(note) === "complete") return { type: "complete", code, note };
  const percent = percentIn(note);
  return percent === undefined ? { type: "progress", code, note } : { type: "progress", code, note, percent };
}

// A verdict closes or reopens an issue, so it is read strictly: a pass is a pass word with
// no negation anywhere (`同意退回`, `通过不了` are not passes); a send-back or rebound
// word anywhere wins, and its reason is what follows it, or else what precedes it.
const PASS = /^(?:通过|合格|属实|同意销号|确认通过|核实通过)(?:[,;。.!！\s]|$)/;
const NEGATION = /不|未|没|否|退回|驳回|反弹/;
const SEND_BACK = /退回|驳回|不通过|未通过|不合格|不予销号/;
const REVIEW_OK = /^(?:合格|通过|未反弹|无反弹|未发现反弹)(?:[,;。.!！\s]|$)/;
const REBOUND = /(?<![未无])反弹|复发|回潮/;
const REVIEW_FAILED = /不合格|不达标/;

/** The words around a verdict keyword: after it if anything, else before it. */
function verdictReason(text: string, keyword: RegExpExecArray): string {
  const after = skipSep(text.slice(keyword.index + keyword[0].length)).trim();
  const before = text.slice(0, keyword.index).replace(/[\s,;:、。]+$/, "").trim();
  return prose(after || before);
}

/** A 交办 deadline may be 长期坚持: a long-term issue, no date. */
const LONG_TERM = new RegExp(`^(?:${LONG_TERM_WORDS.join("|")})(?=[\\s:,;、]|$)`);

/** 立行立改: due at once, in DUBAN_IMMEDIATE_DAYS. */
const IMMEDIATE = /^立行立改(?=[\s:,;、]|$)/;

function assignment(unitName: string, deadline: DateSpec | "immediate" | null, description: string): Command {
  const text = prose(description);
  return text ? { type: "assign", unitName, deadline, description: text } : usage("交办", "缺少问题描述");
}

const COLOUR_WORD = /^([红黄蓝绿])(?:色|灯)?(?:督办单)?$/;
const COLOUR: Record<string, NoticeColour> = { 红: "RED", 黄: "YELLOW", 蓝: "BLUE" };

/** `督办单 红 区水利局`: a colour word (红, 黄色, 蓝灯) in any place, the other words a unit name. */
function noticesCommand(rest: string): Command {
  let colour: NoticeColour | undefined;
  const unitWords: string[] = [];
  for (const word of skipSep(rest).trim().split(/\s+/).filter(Boolean)) {
    const name = COLOUR_WORD.exec(word)?.[1];
    if (name === undefined) unitWords.push(word);
    else if (name === "绿") return usage("督办单", "绿灯不发督办单，颜色可写红、黄、蓝");
    else if (colour !== undefined) return usage("督办单", "只能写一种颜色");
    else colour = COLOUR[name];
  }
  const unitName = unitWords.join(" ");
  return { type: "notices", ...(colour ? { colour } : {}), ...(unitName ? { unitName } : {}) };
}

/** `12月10日 完成设备采购；12月20日 安装调试` (or one per line): every bad step is named. */
function plan(code: string, text: string): Command {
  const parts = splitPlan(text);
  if (parts.length === 0) return usage("方案", "缺少整改节点");
  const steps: { date: DateSpec; text: string }[] = [];
  const problems: string[] = [];
  for (const part of parts) {
    const shown = `“${firstChars(part, 20)}”`;
    const step = readPlanStep(part);
    if (!step.ok) problems.push(step.reason === "missing" ? `${shown}缺少日期` : `${shown}的日期无效`);
    else if (!step.text) problems.push(`${shown}缺少节点内容`);
    else steps.push({ date: step.date, text: prose(step.text) });
  }
  return problems.length > 0 ? usage("方案", problems.join("；")) : { type: "plan", code, steps };
}

// `2 完成`, `2 已完成 设备已到货`, `节点2完成`, `第2个 完成`; `2 未完成` is no completion.
const STEP_DONE = /^(?:第|节点)?\s*(\d{1,3})\s*(?:个|号)?(?:节点)?[\s:,;、]*(?:已完成|完成)/;

function milestoneDone(code: string, text: string): Command {
  const done = STEP_DONE.exec(text);
  if (!done) return usage("节点", /^(?:第|节点)?\s*\d/.test(text) ? "请写明“完成”" : "缺少节点序号");
  const seq = Number(done[1]);
  if (seq < 1) return usage("节点", "节点序号从1开始");
  return { type: "milestoneDone", code, seq, note: prose(skipSep(text.slice(done[0].length)).trim()) };
}

/**
 * Pure: normalised text (mention removed) → the command it is, or null when it is not
 * addressed to the bot by its form (a command word or an issue code at the start).
 */
export function parseCommand(text: string): Command | null {
  const word = commandWordAtStart(text);
  if (!word) {
    const lead = codeAtStart(text);
    if (!lead) return null;
    const note = skipSep(lead.rest).trim();
    return note ? reportCommand(lead.code, note) : { type: "query", code: lead.code };
  }
  const { name, rest } = word;
  switch (name) {
    case "帮助":
      return { type: "help" };
    case "逾期": {
      const source = skipSep(rest).trim();
      return source ? { type: "overdue", source } : { type: "overdue" };
    }
    case "统计": {
      const as = STATS_AS.get(skipSep(rest).trim());
      return as ? { type: "stats", as } : { type: "stats" };
    }
    case "解绑":
      return { type: "unbind" };
    // `导出 全部`, `导出 本月`: whatever follows, the whole ledger is what there is to export.
    case "导出":
      return { type: "export" };
    // `通报 本周`: there is only the week's to make.
    case "通报":
      return { type: "bulletin" };
    case "附件":
      return withCode(name, rest, (code) => ({ type: "attachments", code }));
    case "督办单":
      return noticesCommand(rest);
    case "清单": {
      const [unitName, ...more] = skipSep(rest).trim().split(/\s+/).filter(Boolean);
      if (!unitName) return { type: "list" };
      const light = more.length ? undefined : lightNamed(unitName);
      if (light) return { type: "listLight", light };
      return more.length ? { type: "list", unitName, source: more.join(" ") } : { type: "list", unitName };
    }
    case "绑定": {
      const target = skipSep(rest).trim();
      if (!target) return usage(name, "缺少单位名");
      const leaders = /^(?:领导|领导群|领导组)$/.test(target);
      return { type: "bind", leaders, unitName: leaders ? "" : target };
    }
    case "查询":
      return withCode(name, rest, (code) => ({ type: "query", code }));
    case "进度":
      return withCode(name, rest, (code, text) => {
        const note = prose(text);
        if (!note) return usage(name, "缺少进度说明");
        const percent = percentIn(note);
        return percent === undefined ? { type: "progress", code, note } : { type: "progress", code, note, percent };
      });
    case "完成":
      return withCode(name, rest, (code, note) => ({ type: "complete", code, note: prose(note) }));
    case "延期":
      return withCode(name, rest, (code, after) =>
        withDate(name, after, (date, reason) => (reason ? { type: "extend", code, date, reason: prose(reason) } : usage(name, "缺少延期理由"))),
      );
    case "批准延期":
      return withCode(name, rest, (code, after) => withDate(name, after, (date) => ({ type: "approveExtension", code, date })));
    case "核实":
      return withCode(name, rest, (code, after) => {
        const back = SEND_BACK.exec(after);
        if (back) {
          const reason = verdictReason(after, back);
          return reason ? { type: "verify", code, pass: false, reason } : usage(name, "退回需写明理由");
        }
        if (PASS.test(after) && !NEGATION.test(after)) return { type: "verify", code, pass: true, reason: "" };
        return usage(name, "请写明“通过”或“退回 <理由>”");
      });
    case "交办": {
      const args = skipSep(rest).trim();
      // `交办 区水利局12月31日 …`: a unit name never holds a date or a separator (`交办 区水利局，12月31日，…`).
      const unit = /^[^\s:,;、]+?(?=\d{4}[-/.年]\d|\d{4}年底|\d{1,2}月[\d底]|年底|长期|立行立改)/.exec(args)?.[0] ?? /^[^\s:,;、]+/.exec(args)?.[0];
      if (!unit) return usage(name, "缺少单位名");
      const after = skipSep(args.slice(unit.length));
      const longTerm = LONG_TERM.exec(after);
      if (longTerm) return assignment(unit, null, skipSep(after.slice(longTerm[0].length)).trim());
      const immediate = IMMEDIATE.exec(after);
      if (immediate) return assignment(unit, "immediate", skipSep(after.slice(immediate[0].length)).trim());
      return withDate(name, after, (date, description) => assignment(unit, date, description));
    }
    case "签收":
      return withCode(name, rest, (code) => ({ type: "acknowledge", code }));
    case "自查": {
      const args = skipSep(rest).trim();
      const dated = parseDateAtStart(args);
      // The date is optional: `3号排污口…` or `1.5万吨…` is the problem, only a broken date (`2月30日`) is refused.
      if (!dated.ok && dated.reason === "invalid" && /月|\d{4}[-/.]/.test(dated.text ?? "")) return usage(name, `日期“${dated.text ?? ""}”无效`);
      const description = prose(dated.ok ? skipSep(dated.rest).trim() : args);
      if (!description) return usage(name, "缺少问题描述");
      return dated.ok ? { type: "selfCheck", date: dated.date, description } : { type: "selfCheck", description };
    }
    case "方案":
      return withCode(name, rest, plan);
    case "节点":
      return withCode(name, rest, milestoneDone);
    case "驳回延期":
      return withCode(name, rest, (code, reason) => (reason.trim() ? { type: "refuseExtension", code, reason: prose(reason.trim()) } : usage(name, "缺少驳回理由")));
    case "回头看":
      return withCode(name, rest, (code, after) => {
        const ok = REVIEW_OK.exec(after);
        if (ok && !REBOUND.test(after.slice(ok[0].length)) && !REVIEW_FAILED.test(after)) {
          return { type: "review", code, ok: true, note: prose(skipSep(after.slice(ok[0].length)).trim()) };
        }
        const rebound = REBOUND.exec(after) ?? REVIEW_FAILED.exec(after);
        if (!rebound) return usage(name, "请写明“合格”或“反弹 <说明>”");
        const note = verdictReason(after, rebound);
        return note ? { type: "review", code, ok: false, note } : usage(name, "反弹需说明情况");
      });
  }
}
