import { type Actor, actsForOrganization, isSecretariat } from "../../actor.js";
import { AppError, notFound } from "../../errors.js";

/**
 * Who may do what with the Network's organizations. Deny by default.
 * - read: everyone (the participants and their profiles are public);
 * - update, verify: the organization's own partner, or the Secretariat;
 * - administer (open the Network's back-office screens): the Secretariat, and a partner for their
 *   own organization — `editableScope` says which organizations that list shows;
 * - updateIdentity (names, acronyms, kind, source), create: the Secretariat only;
 * - seed: the platform itself.
 */
export type NetworkAction = "read" | "administer" | "update" | "verify" | "updateIdentity" | "create" | "seed";

export function mayNetwork(actor: Actor, action: NetworkAction, slug?: string): boolean {
  switch (action) {
    case "read":
      return true;
    case "administer":
      return isSecretariat(actor) || (actor.kind === "user" && actor.role === "partner" && actor.organization !== null);
    case "update":
    case "verify":
      return slug !== undefined && actsForOrganization(actor, slug);
    case "updateIdentity":
    case "create":
      return isSecretariat(actor);
    case "seed":
      return actor.kind === "system";
    default:
      return false;
  }
}

export function authorizeNetwork(actor: Actor, action: NetworkAction, slug?: string): void {
  if (mayNetwork(actor, action, slug)) return;
  // Another organization's partner is not told whether that record exists.
  if (actor.kind === "user" && actor.role === "partner" && slug !== undefined && (action === "update" || action === "verify")) throw notFound();
  throw actor.kind === "public"
    ? new AppError(401, "unauthenticated", "errors.unauthenticated")
    : new AppError(403, "forbidden", "errors.forbidden");
}

/**
 * Which organizations the actor may edit, as a filter for the back-office list: `{}` (all) for the
 * Secretariat, `{ slug }` for a partner. Throws (401/403) for anyone else.
 */
export function editableScope(actor: Actor): { slug?: string } {
  authorizeNetwork(actor, "administer");
  if (isSecretariat(actor)) return {};
  if (actor.kind === "user" && actor.role === "partner" && actor.organization) return { slug: actor.organization };
  throw new AppError(403, "forbidden", "errors.forbidden");
}
