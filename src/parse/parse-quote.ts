/**
 * WeChat delivers a quoted reply (引用) as text:
 * `「<name>：<quoted text>」\n- - - - - - - - - - - - - - -\n<reply>` — 15 dashes, 16 in
 * some versions. Read after NFKC, so the colon is ASCII by now.
 */
const QUOTE = /^「([^:」\n]{1,64}):([\s\S]*?)」\n(?:- ?){12,20}\n([\s\S]*)$/;

export interface Quote {
  name: string;
  quoted: string;
  reply: string;
}

export function parseQuote(normalized: string): Quote | null {
  const m = QUOTE.exec(normalized);
  if (!m) return null;
  return { name: m[1]!.trim(), quoted: m[2]!.trim(), reply: m[3]!.trim() };
}
