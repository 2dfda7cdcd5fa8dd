/**
 * An issue code as ledgers write them: a letter prefix, then digit groups joined by
 * `-` or `_` (ZG-2026-003, DC2026-12, HB_01). Read case-insensitively.
 */
const CODE = "[A-Za-z]{1,8}[-_]?\\d{1,8}(?:[-_]\\d{1,8}){0,3}";

const LEADING = new RegExp(`^(${CODE})(?![A-Za-z0-9])`);
const ANYWHERE = new RegExp(`(?<![A-Za-z0-9])(${CODE})(?![A-Za-z0-9])`, "g");

export function codeAtStart(text: string): { code: string; rest: string } | null {
  const m = LEADING.exec(text);
  if (!m) return null;
  return { code: m[1]!.toUpperCase(), rest: text.slice(m[0].length) };
}

/** Every distinct code in a text, in order of appearance. */
export function codesIn(text: string): string[] {
  return [...new Set([...text.matchAll(ANYWHERE)].map((m) => m[1]!.toUpperCase()))];
}

/**
 * A code as people type it: separators left out, or spaces, dots or slashes instead
 * (`ZG2026013`, `zg 2026-001`). Its key (letters and digits only) is what it is matched by.
 */
const LOOSE = /(?<![A-Za-z0-9])[A-Za-z]{1,8}[-_ .]?\d{1,16}(?:[-_ ./]\d{1,8}){0,3}(?![A-Za-z0-9])/g;

/** ZG-2026-001, zg 2026 001 and ZG2026001 share the key ZG2026001. */
export function codeKey(spelling: string): string {
  return spelling.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** One place a code may be named: its possible spellings, longest first (`ZG-2026-001 2处` may be ZG-2026-001). */
export interface CodeMention {
  start: number;
  spellings: { text: string; end: number }[];
}

// `ZG-2026-001和002`, `ZG-1、2、3`: later codes written as their last digit group only.
// A number is one only when a boundary or a report word follows it, never a measure word
// (`SW-2026-028，150多立方垃圾`, `ZG-2026-001，120名工人已进场`).
const FOLLOWER =
  /\s*(?:和|及|与|、|,|，|\/|&)\s*(\d{1,8})(?=\s*(?:[、,，和及与/&]|号|均|都|已|也|完|整|正|在|全|尚|未|还|\s|$))(?!\s*[名人辆株棵方立余多个处家台户条座项吨车栋米天日月年成%.])/y;

// `ZG-2026-001 完成了，002也完成了`: a later clause led by the last digit group and `也`/`均`/`都`/`已`.
const ECHO = /[，,；;。]\s*(\d{1,8})(?=也|均|都|已)/g;

export function codeMentions(text: string): CodeMention[] {
  const mentions: CodeMention[] = [];
  const found = [...text.matchAll(LOOSE)];
  for (const [k, m] of found.entries()) {
    const start = m.index;
    const spellings: { text: string; end: number }[] = [];
    // Cut at each separator after the first digit group, longest first.
    const groups = [...m[0].matchAll(/[-_ ./]?\d+/g)];
    for (let g = groups.length; g >= 1; g--) {
      const last = groups[g - 1]!;
      const end = last.index + last[0].length;
      spellings.push({ text: m[0].slice(0, end), end: start + end });
    }
    mentions.push({ start, spellings });
    const lastGroup = /\d+$/.exec(m[0])![0];
    const stem = m[0].slice(0, -lastGroup.length);
    FOLLOWER.lastIndex = start + m[0].length;
    for (let f = FOLLOWER.exec(text); f && f[1]!.length === lastGroup.length; f = FOLLOWER.exec(text)) {
      const end = FOLLOWER.lastIndex;
      mentions.push({ start: end - f[1]!.length, spellings: [{ text: stem + f[1], end }] });
    }
    const from = Math.max(start + m[0].length, mentions.at(-1)!.spellings[0]!.end);
    const to = found[k + 1]?.index ?? text.length;
    for (const e of text.slice(from, to).matchAll(ECHO)) {
      if (e[1]!.length !== lastGroup.length || e[1] === lastGroup) continue;
      const end = from + e.index + e[0].length;
      mentions.push({ start: end - e[1]!.length, spellings: [{ text: stem + e[1], end }] });
    }
  }
  return mentions.slice(0, 20);
}

/** An existing issue a spelling was matched to. */
export interface KnownCode {
  code: string;
  unitId: number;
}

/**
 * The existing codes that the spellings in a message may mean, from one lookup by key.
 * A spelling is the code it names exactly, else the one code sharing its key; two codes
 * sharing a key (ZG-2026-0013 and ZG-20260-013) make the loose spelling mean neither.
 */
export class CodeBook {
  #byKey = new Map<string, KnownCode[]>();

  constructor(rows: readonly KnownCode[]) {
    for (const r of rows) {
      const key = codeKey(r.code);
      const list = this.#byKey.get(key);
      if (list) list.push(r);
      else this.#byKey.set(key, [r]);
    }
  }

  /** The code a spelling names exactly (any case). */
  exact(spelling: string): KnownCode | null {
    const upper = spelling.toUpperCase();
    return this.#byKey.get(codeKey(spelling))?.find((r) => r.code === upper) ?? null;
  }

  resolve(spelling: string): KnownCode | null {
    const found = this.#byKey.get(codeKey(spelling));
    if (!found) return null;
    return this.exact(spelling) ?? (found.length === 1 ? found[0]! : null);
  }

  /**
   * The code a mention names and where its spelling ends: an exact spelling first, the
   * longest one (`ZG-2026-1 2处` is ZG-2026-1 even if ZG-2026-12 exists), else a loose one.
   */
  resolveMention(mention: CodeMention): (KnownCode & { end: number }) | null {
    for (const pick of [(s: string) => this.exact(s), (s: string) => this.resolve(s)]) {
      for (const s of mention.spellings) {
        const known = pick(s.text);
        if (known) return { ...known, end: s.end };
      }
    }
    return null;
  }
}
