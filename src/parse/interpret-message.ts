import { classifyReport, isAcknowledgement } from "./classify-report.ts";
import type { Command } from "./command.ts";
import { codesIn } from "./issue-code.ts";
import { normalizeText, stripMention } from "./normalize-text.ts";
import { parseCommand, reportCommand } from "./parse-command.ts";
import { parseQuote } from "./parse-quote.ts";

export interface Interpretation {
  /** Is the message for the bot at all? If not, the bot stays silent. */
  addressed: boolean;
  /** What it asks; null when addressed but not understood (answer with a hint). */
  command: Command | null;
  /** The normalised text, for the history. */
  text: string;
}

export interface MessageContext {
  botName: string;
  isPrivate: boolean;
  mentionsBot: boolean;
}

const SILENT = (text: string): Interpretation => ({ addressed: false, command: null, text });

/** A quoted reply to one of the bot's messages: the issue comes from the quoted text. */
function fromQuote(quoted: string, reply: string): Command | null {
  const codes = codesIn(quoted);
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

  const command = parseCommand(stripped);
  if (command) return { addressed: true, command, text };

  if (quote && quote.name === botName) {
    if (stripped === "" || isAcknowledgement(stripped)) return SILENT(text);
    return { addressed: true, command: fromQuote(quote.quoted, stripped), text };
  }
  if (mentioned || ctx.isPrivate) {
    return { addressed: true, command: stripped === "" ? { type: "help" } : null, text };
  }
  return SILENT(text);
}
