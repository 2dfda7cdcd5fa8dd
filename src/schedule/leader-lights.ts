import type { Config } from "../config/load-config.ts";
import type { Day } from "../core/zoned-time.ts";
import { linesByLight, type LitListOptions } from "../format/format-lit-list.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Tx } from "../store/open-store.ts";
import { loadLit, type LightRules, type LitRow } from "../store/light-sql.ts";
import { BY_LIGHT, describeLit, leaderNames } from "../store/lit-list.ts";
import { sqlFor } from "../store/sql-dialect.ts";
import { dayHeading } from "../format/day-heading.ts";

/** A private message is read on a phone in one go: its first lines, then `清单 <责任领导>` for the rest. */
const PRIVATE_LIMIT = 20;

export interface LeaderList {
  /** The contact (id or alias) it goes to. */
  contact: string;
  text: string;
}

/**
 * Each leader mapped in DUBAN_LEADER_CONTACTS whose open issues include red or yellow ones:
 * those issues, red first, with why. A leader with none gets nothing. Two queries for all
 * leaders (their red and yellow issues, then the descriptions of the lines kept); the names
 * are matched here, as 责任领导 is free text (`张三、李四`).
 */
export async function leaderLightLists(db: Tx, config: Config, rules: LightRules, o: LitListOptions & { day: Day }): Promise<LeaderList[]> {
  const byContact = new Map<string, string[]>();
  for (const m of config.DUBAN_LEADER_CONTACTS) byContact.set(m.contact, [...(byContact.get(m.contact) ?? []), m.leader]);
  if (byContact.size === 0) return [];
  const names = [...new Set(config.DUBAN_LEADER_CONTACTS.map((m) => m.leader))];
  const where = Prisma.sql`(${Prisma.join(names.map((n) => leaderNames(sqlFor(db), n)), " OR ")})`;
  const lit = await loadLit(db, rules, where, Prisma.sql`WHERE l."light" IN ('RED', 'YELLOW') ORDER BY ${BY_LIGHT}`);

  const lists = [...byContact].map(([contact, mine]) => {
    const rows = lit.filter((r) => mine.some((n) => r.leader.includes(n)));
    return { contact, names: mine, rows, kept: rows.slice(0, PRIVATE_LIMIT) };
  });
  const wanted = new Map<number, LitRow>();
  for (const l of lists) for (const r of l.kept) wanted.set(r.id, r);
  const described = new Map((await describeLit(db, [...wanted.values()])).map((i) => [i.id, i]));

  return lists
    .filter((l) => l.rows.length > 0)
    .map((l) => {
      const counts = { RED: l.rows.filter((r) => r.light === "RED").length, YELLOW: l.rows.filter((r) => r.light === "YELLOW").length };
      const lines = [
        `【分管问题亮灯】${l.names.join("、")} ${dayHeading(o.day)}`,
        ...linesByLight(l.kept.map((r) => described.get(r.id)!), l.rows.length, { ...o, rest: "个", counts }),
        `发送“清单 ${l.names[0]}”查看全部`,
      ];
      return { contact: l.contact, text: lines.join("\n") };
    });
}
