import { DubanError } from "../core/duban-error.ts";
import type { Actor } from "../domain/actor.ts";

type Owned = { code: string; unit: { id: number; name: string } };

/** Reporting on an issue (进度/完成/延期) belongs to its unit, in its own group. */
export function assertCanReport(actor: Actor, issue: Owned): void {
  const role = actor.room?.role;
  if (role?.kind === "UNIT") {
    if (role.unit.id !== issue.unit.id) throw new DubanError("FORBIDDEN", `${issue.code} 属于${issue.unit.name}，本群无权报送`);
    return;
  }
  if (actor.isAdmin) return;
  if (role?.kind === "LEADERS") throw new DubanError("FORBIDDEN", `领导群不能报送，请在${issue.unit.name}工作群报送 ${issue.code}`);
  if (!actor.units.some((u) => u.id === issue.unit.id)) {
    throw new DubanError("FORBIDDEN", `${issue.code} 属于${issue.unit.name}，您不在该单位工作群中，无权报送`);
  }
}

/** Leaders and admins see everything; a unit sees its own issues. */
export function assertCanView(actor: Actor, issue: Owned): void {
  if (canSeeAll(actor)) return;
  const role = actor.room?.role;
  if (role?.kind === "UNIT") {
    if (role.unit.id !== issue.unit.id) throw new DubanError("FORBIDDEN", `${issue.code} 属于${issue.unit.name}，本群无权查看`);
    return;
  }
  if (!actor.units.some((u) => u.id === issue.unit.id)) {
    throw new DubanError("FORBIDDEN", `${issue.code} 属于${issue.unit.name}，您无权查看`);
  }
}

/**
 * In a unit's group everyone, admins too, sees that unit's view: what the bot posts there
 * is read by the whole unit. Elsewhere leaders and admins see all.
 */
export function canSeeAll(actor: Actor): boolean {
  if (actor.room?.role.kind === "UNIT") return false;
  return actor.isAdmin || actor.isLeader || actor.room?.role.kind === "LEADERS";
}

export function assertAdmin(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw new DubanError("FORBIDDEN", `只有督查室管理员可以${what}`);
}
