import { normalizeIdentity } from "../core/identity.ts";

/**
 * Chat text as a phone keyboard produces it → the form the parser reads. normalizeIdentity
 * (the same as the ledger import's) folds full-width letters, digits, colon, comma, percent
 * and spaces into ASCII and removes invisible format characters; the dash look-alikes that
 * Chinese input methods insert inside codes become `-`.
 */
export function normalizeText(text: string): string {
  return normalizeIdentity(text)
    .replace(/\r\n?/g, "\n")
    .replace(/(?<=[A-Za-z0-9])[\u2010-\u2015\u2212\u30fc\uff70](?=[A-Za-z0-9])/g, "-")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** Removes `@督办助手` (WeChat puts a special space after it; NFKC has made it a space). */
export function stripMention(text: string, botName: string): string {
  const escaped = botName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`@${escaped}(?: |$)?`, "g"), " ").replace(/[^\S\n]+/g, " ").trim();
}

const CJK = "\\p{Script=Han}";
const HALF_TO_FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）" };

/**
 * NFKC made the user's full-width punctuation ASCII so the parser could read it; in the
 * free text that is stored and shown back (进度说明, 理由) it goes back to the Chinese
 * form wherever it touches a Chinese character.
 */
export function restoreChinesePunctuation(text: string): string {
  return text.replace(new RegExp(`(?<=${CJK})[,:;!?()]|[,:;!?()](?=${CJK})`, "gu"), (c) => HALF_TO_FULL[c] ?? c);
}
