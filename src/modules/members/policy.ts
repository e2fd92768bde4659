import { type Actor, actsForMember, isSecretariat } from "../../actor.js";
import { AppError, notFound } from "../../errors.js";

/** Who may do what with members and group memberships. Deny by default. */
export type MembersAction = "read" | "import" | "seed" | "admin" | "create" | "edit" | "verify" | "delete";

/**
 * - admin: open the back office's members list (the Secretariat: all; a delegate: their member)
 * - create, delete: add an economy or a membership, remove a membership (the Secretariat)
 * - edit, verify: change or confirm one member's facts (the Secretariat, or that member's delegate)
 */
export function mayMembers(actor: Actor, action: MembersAction, economy?: string): boolean {
  switch (action) {
    case "admin":
      return isSecretariat(actor) || (actor.kind === "user" && actor.role === "delegate");
    case "create":
    case "delete":
      return isSecretariat(actor);
    case "edit":
    case "verify":
      return economy !== undefined && actsForMember(actor, economy);
    case "read":
      return true; // every published fact about members is public
    case "import":
    case "seed":
      return actor.kind === "system";
    default:
      return false;
  }
}

export function authorizeMembers(actor: Actor, action: MembersAction, economy?: string): void {
  if (!mayMembers(actor, action, economy)) {
    // Another member's delegate is not told whether that record exists (as for any IDOR probe).
    if (actor.kind === "user" && actor.role === "delegate" && economy !== undefined && (action === "edit" || action === "verify")) throw notFound();
    throw new AppError(actor.kind === "public" ? 401 : 403, "forbidden", "errors.forbidden");
  }
}
