/**
 * Where a problem came from (Issue.source is free text, as ledgers write it). The usual
 * sources have a name people type and the spellings ledgers use; the 中字头 ones (the
 * central inspection and its follow-ups) come first wherever the digest lists issues.
 */
export interface KnownSource {
  name: string;
  /** Other words a user may type for it. */
  aliases: readonly string[];
  /** A stored source text that belongs to it. */
  stored: RegExp;
  central: boolean;
}

export const SOURCES: readonly KnownSource[] = [
  { name: "中央环保督察", aliases: ["中央生态环境保护督察", "督察交办", "中央督察", "中央环境保护督察"], stored: /中央.{0,12}督察|督察交办|中央环保/, central: true },
  { name: "中办回访", aliases: ["回访"], stored: /中办|中央办公厅|回访/, central: true },
  { name: "市级通报", aliases: ["市通报"], stored: /市级|市.{0,8}通报/, central: false },
  { name: "区环保局通报", aliases: ["区生态环境局通报", "环保局通报"], stored: /区.{0,4}(?:环保|生态环境|环境)局/, central: false },
  { name: "暗访", aliases: ["暗访暗查暗拍", "暗查", "暗拍"], stored: /暗访|暗查|暗拍/, central: false },
  { name: "群众投诉", aliases: ["信访", "12345", "12369", "投诉", "举报"], stored: /投诉|信访|12345|12369|举报/, central: false },
  { name: "交办", aliases: [], stored: /^交办/, central: false },
  { name: "自查", aliases: ["自查自纠", "举一反三"], stored: /自查|举一反三/, central: false },
];

export const SELF_CHECK_SOURCE = "自查";
export const ASSIGNED_SOURCE = "交办";

/** A word typed in a command (`逾期 中央督察`) → the known source it names, if any. */
export function knownSource(word: string): KnownSource | null {
  const w = word.trim();
  return SOURCES.find((s) => s.name === w || s.aliases.includes(w)) ?? null;
}

/** The known source a stored source text belongs to, if any (the first that matches). */
export function sourceOf(stored: string): KnownSource | null {
  return stored ? (SOURCES.find((s) => s.stored.test(stored)) ?? null) : null;
}

export function isSelfFound(stored: string): boolean {
  return sourceOf(stored)?.name === SELF_CHECK_SOURCE;
}

/** A source filter as typed: a known source's stored texts, or else a substring of the stored text. */
export function sourceMatcher(word: string): (stored: string) => boolean {
  const known = knownSource(word);
  if (known) return (stored) => sourceOf(stored) === known;
  const w = word.trim();
  return (stored) => stored.includes(w);
}
