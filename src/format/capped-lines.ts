/** More lines than this is not read on a phone; the rest is counted. */
export const LIST_LIMIT = 30;

/**
 * The first `limit` items as lines, then one line counting the rest: every list the bot
 * sends is read on a phone, and a long one is not read at all.
 */
export function cappedLines<T>(items: readonly T[], limit: number, line: (item: T, index: number) => string, rest = "个"): string[] {
  const lines = items.slice(0, limit).map(line);
  if (items.length > limit) lines.push(`……另有 ${items.length - limit} ${rest}`);
  return lines;
}
