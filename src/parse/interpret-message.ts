import { classifyReport, isAcknowledgement } from "./classify-report.ts";
import type { Command } from "./command.ts";
import { codeAtStart, codeKey, codeMentions, codesIn, type CodeBook } from "./issue-code.ts";
import { normalizeText, stripMention } from "./normalize-text.ts";
import { commandWordAtStart, parseCommand, reportCommand } from "./parse-command.ts";
import { parseQuote } from "./parse-quote.ts";
import { readReports, type NamedCode } from "./read-reports.ts";

export interface Interpretation {
  /** Is the message for the bot at all? If not, the bot stays silent. */
  addressed: boolean;
  /** What it asks; null when addressed but not understood (answer with a hint). */
  command: Command | null;
  /** Read from a leading issue code (or a quote) rather than a command word. */
  codeLed: boolean;
  /** A unit's report read from codes named inside the message, none of them first. */
  codeInside: boolean;
  /** The normalised text, for the history. */
  text: string;
}

export interface MessageContext {
  botName: string;
  isPrivate: boolean;
  mentionsBot: boolean;
  /**
   * The unit whose reports this chat carries: the group's unit, or in a private chat the
   * one unit the contact belongs to; null anywhere else.
   */
  reportingUnitId: number | null;
  /**
   * The existing codes the message's code-shaped words may mean. `PM10浓度又超标了`
   * starts with something shaped like a code; only a real one makes chat a report.
   */
  codes: CodeBook;
}

const SILENT = (text: string): Interpretation => ({ addressed: false, command: null, codeLed: false, codeInside: false, text });

/**
 * The code keys whose existence decides what a message means: a leading code (unless a
 * command word leads), in a chat that carries a unit's reports every code named, and the
 * codes in a quote. Messages with nothing shaped like a code, and commands, need no lookup.
 */
export function codesToCheck(raw: string, botName: string, unitChat: boolean): string[] {
  const text = normalizeText(raw);
  const quote = parseQuote(text);
  const stripped = stripMention(quote ? quote.reply : text, normalizeText(botName));
  const keys: string[] = [];
  if (!commandWordAtStart(stripped)) {
    for (const m of codeMentions(stripped)) {
      if (!unitChat && m.start > 0) break;
      keys.push(...m.spellings.map((s) => codeKey(s.text)));
    }
  }
  if (quote) keys.push(...codesIn(quote.quoted).map(codeKey));
  return [...new Set(keys)].slice(0, 40);
}

/** The existing codes named in a text, in order; a spelling that matches none is skipped. */
function namedCodes(text: string, codes: CodeBook): NamedCode[] {
  const named: NamedCode[] = [];
  for (const m of codeMentions(text)) {
    const known = codes.resolveMention(m);
    if (known) named.push({ code: known.code, unitId: known.unitId, start: m.start, end: known.end });
  }
  return named;
}

/** A quoted reply to one of the bot's messages: the issue comes from the quoted text. */
function fromQuote(quoted: string, reply: string, known: CodeBook): Command | null {
  // The bot's help and usage hints carry example codes; a reply to them reports nothing.
  if (/例如|用法|可用命令/.test(quoted)) return null;
  const codes = codesIn(quoted).filter((c) => known.exact(c) !== null);
  if (codes.length === 0) return null;
  if (codes.length > 1) return { type: "ambiguous", codes, intent: classifyReport(reply) };
  return reportCommand(codes[0]!, reply);
}

/** The mark the 交办通知 starts with (handlers/assign-issue.ts): a quote of it carries the code to acknowledge. */
const ASSIGNMENT_NOTICE = /^【交办通知】\s*([A-Za-z0-9_-]+)/;

/** `收到，马上安排`: the acknowledgement comes first, whatever follows it. */
const ACK_FIRST = /^(?:收到|已?签收|好的|明白)/;

/**
 * A quoted 收到 / 签收 / 好的 / 明白 to a 交办通知, alone or leading a sentence, is 签收 of the
 * issue it names; one saying the work is done is a completion claim (fromQuote).
 */
function acknowledgedAssignment(quoted: string, reply: string, known: CodeBook): Command | null {
  const notice = ASSIGNMENT_NOTICE.exec(quoted);
  if (!notice) return null;
  const acknowledges = isAcknowledgement(reply.replace(/已?签收/g, "收到")) || (ACK_FIRST.test(reply.trim()) && classifyReport(reply) !== "complete");
  if (!acknowledges) return null;
  const code = known.exact(notice[1]!)?.code;
  return code ? { type: "acknowledge", code, quoted: true } : null;
}

/**
 * Pure: raw chat text and where it was said → whether it is for the bot and what it
 * asks. The rules of when the bot speaks (README, Chat commands) live here.
 */
export function interpretMessage(raw: string, ctx: MessageContext): Interpretation {
  const text = normalizeText(raw);
  const botName = normalizeText(ctx.botName);
  const quote = parseQuote(text);
  const body = quote ? quote.reply : text;
  const mentioned = ctx.mentionsBot || body.includes(`@${botName}`);
  const stripped = stripMention(body, botName);
  const forBot = mentioned || ctx.isPrivate;

  const answer = (command: Command | null, codeLed: boolean, codeInside = false): Interpretation => ({ addressed: true, command, codeLed, codeInside, text });

  if (quote && quote.name === botName) {
    const ack = acknowledgedAssignment(quote.quoted, stripped, ctx.codes);
    if (ack) return answer(ack, true);
  }
  if (commandWordAtStart(stripped)) return answer(parseCommand(stripped), false);
  const named = namedCodes(stripped, ctx.codes);
  const lead = named[0]?.start === 0 ? named[0] : null;
  const unitId = ctx.reportingUnitId;
  if (lead) {
    if (unitId !== null && named.length > 1) return answer(readReports(stripped, named, unitId, true), true);
    // A loose spelling (`zg 2026-001`, `ZG2026001`) is read as the code it matched.
    const command = parseCommand(lead.code + stripped.slice(lead.end));
    if (command) return answer(command, true);
  } else if (forBot && codeAtStart(stripped)) {
    // An unknown code asked about directly gets an answer saying so.
    return answer(parseCommand(stripped), true);
  }

  const own = unitId === null ? [] : [...new Set(named.filter((n) => n.unitId === unitId).map((n) => n.code))];
  if (own.length > 0) {
    const reports = readReports(stripped, named, unitId!, false);
    if (reports) return answer(reports, false, true);
  }
  if (quote && quote.name === botName) {
    if (stripped === "" || isAcknowledgement(stripped)) return SILENT(text);
    return answer(fromQuote(quote.quoted, stripped, ctx.codes), true);
  }
  // Asked directly about one of its issues: show it.
  if (forBot && own.length === 1) return answer({ type: "query", code: own[0]! }, false);
  if (forBot) return answer(stripped === "" ? { type: "help" } : null, false);
  return SILENT(text);
}
