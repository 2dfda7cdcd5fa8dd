import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Every unit the rows name, by name, creating the missing ones in one statement.
 * Returns all units (id ↔ name) so callers can also name a unit an issue moves away from.
 */
export async function ensureUnits(
  tx: Prisma.TransactionClient,
  names: Iterable<string>,
  now: Date,
): Promise<{ ids: Map<string, number>; names: Map<number, string>; created: number }> {
  const units = await tx.unit.findMany({ select: { id: true, name: true } });
  const ids = new Map(units.map((u) => [u.name, u.id]));
  const missing = [...new Set([...names].map((n) => n.trim()))].filter((n) => !ids.has(n));
  if (missing.length > 0) {
    const made = await tx.unit.createManyAndReturn({
      data: missing.map((name) => ({ name, createdAt: now })),
      select: { id: true, name: true },
    });
    for (const u of made) ids.set(u.name, u.id);
  }
  return { ids, names: new Map([...ids].map(([name, id]) => [id, name])), created: missing.length };
}
