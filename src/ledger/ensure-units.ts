import type { Prisma } from "../generated/prisma/client.ts";
import { identityKey, withoutFormatChars } from "../core/identity.ts";

export interface PreparedUnits {
  /** The unit a row's 责任单位 names; undefined only for a name not passed in. */
  idOf: (name: string) => number | undefined;
  /** Every unit's display name, so callers can also name a unit an issue moves away from. */
  names: Map<number, string>;
  created: number;
}

/**
 * Every unit the rows name, matched by the identity key chat also uses, creating the
 * missing ones in one statement under the first spelling the file uses (minus invisible
 * format characters, so the stored name is the one chat can type).
 */
export async function ensureUnits(tx: Prisma.TransactionClient, names: Iterable<string>, now: Date): Promise<PreparedUnits> {
  const units = await tx.unit.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  // An exact name wins over the key, so units already stored under two visible spellings
  // (before names were keyed) keep their own issues instead of merging silently. Invisible
  // characters never make a spelling: a unit stored with them (before they were removed)
  // gives way to the one without, so a re-import moves its issues to the unit chat reaches.
  const clean = (name: string) => withoutFormatChars(name).trim();
  const ordered = [...units.filter((u) => u.name === clean(u.name)), ...units.filter((u) => u.name !== clean(u.name))];
  const byName = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const u of ordered) {
    if (!byName.has(clean(u.name))) byName.set(clean(u.name), u.id);
    if (!byKey.has(identityKey(u.name))) byKey.set(identityKey(u.name), u.id);
  }

  const missing = new Map<string, string>();
  for (const name of names) {
    const key = identityKey(name);
    if (!byName.has(clean(name)) && !byKey.has(key) && !missing.has(key)) missing.set(key, clean(name));
  }
  const all = new Map(units.map((u) => [u.id, u.name]));
  if (missing.size > 0) {
    const made = await tx.unit.createManyAndReturn({
      data: [...missing.values()].map((name) => ({ name, createdAt: now })),
      select: { id: true, name: true },
    });
    for (const u of made) {
      byKey.set(identityKey(u.name), u.id);
      all.set(u.id, u.name);
    }
  }
  return {
    idOf: (name) => byName.get(clean(name)) ?? byKey.get(identityKey(name)),
    names: all,
    created: missing.size,
  };
}
