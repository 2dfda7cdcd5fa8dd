import { classifyReport, isAcknowledgement } from "./classify-report.ts";
import type { Command } from "./command.ts";
import { codeAtStart, codesIn } from "./issue-code.ts";
import { normalizeText, stripMention } from "./normalize-text.ts";
import { commandWordAtStart, parseCommand, reportCommand } from "./parse-command.ts";
import { parseQuote } from "./parse-quote.ts";

export interface Interpretation {
  /** Is the message for the bot at all? If not, the bot stays silent. */
  addressed: boolean;
  /** What it asks; null when addressed but not understood (answer with a hint). */
  command: Command | null;
  /** Read from a leading issue code (or a quote) rather than a command word. */
  codeLed: boolean;
  /** The normalised text, for the history. */
  text: string;
}

export interface MessageContext {
  botName: string;
  isPrivate: boolean;
  mentionsBot: boolean;
  /**
   * Whether a code names an issue in the ledger. `PM10浓度又超标了` starts with
   * something shaped like a code; only a real one makes chat a report.
   */
  isKnownCode: (code: string) => boolean;
}

const SILENT = (text: string): Interpretation => ({ addressed: false, command: null, codeLed: false, text });

/**
 * The codes whose existence decides what a message means: a leading code (unless a
 * command word leads) and the codes in a quote. Most messages need no lookup at all.
 */
export function codesToCheck(raw: string, botName: string): string[] {
  const text = normalizeText(raw);
  const quote = parseQuote(text);
  const stripped = stripMention(quote ? quote.reply : text, normalizeText(botName));
  const codes: string[] = [];
  const lead = commandWordAtStart(stripped) ? null : codeAtStart(stripped);
  if (lead) codes.push(lead.code);
  if (quote) codes.push(...codesIn(quote.quoted));
  return [...new Set(codes)].slice(0, 20);
}

/** A quoted reply to one of the bot's messages: the issue comes from the quoted text. */
function fromQuote(quoted: string, reply: string, known: (code: string) => boolean): Command | null {
  // The bot's help and usage hints carry example codes; a reply to them reports nothing.
  if (/例如|用法|可用命令/.test(quoted)) return null;
  const codes = codesIn(quoted).filter(known);
  if (codes.length === 0) return null;
  if (codes.length > 1) return { type: "ambiguous", codes, intent: classifyReport(reply) };
  return reportCommand(codes[0]!, reply);
}

/**
 * Pure: raw chat text and where it was said → whether it is for the bot and what it
 * asks. The DESIGN §3 rules of when the bot speaks live here.
 */
export function interpretMessage(raw: string, ctx: MessageContext): Interpretation {
  const text = normalizeText(raw);
  const botName = normalizeText(ctx.botName);
  const quote = parseQuote(text);
  const body = quote ? quote.reply : text;
  const mentioned = ctx.mentionsBot || body.includes(`@${botName}`);
  const stripped = stripMention(body, botName);
  const forBot = mentioned || ctx.isPrivate;

  const wordLed = commandWordAtStart(stripped) !== null;
  const lead = wordLed ? null : codeAtStart(stripped);
  if (wordLed || (lead && (forBot || ctx.isKnownCode(lead.code)))) {
    const command = parseCommand(stripped);
    if (command) return { addressed: true, command, codeLed: !wordLed, text };
  }

  if (quote && quote.name === botName) {
    if (stripped === "" || isAcknowledgement(stripped)) return SILENT(text);
    return { addressed: true, command: fromQuote(quote.quoted, stripped, ctx.isKnownCode), codeLed: true, text };
  }
  if (forBot) return { addressed: true, command: stripped === "" ? { type: "help" } : null, codeLed: false, text };
  return SILENT(text);
}
