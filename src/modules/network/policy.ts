import { type Actor, actsForOrganization, isSecretariat } from "../../actor.js";
import { AppError } from "../../http/errors.js";

/**
 * Who may do what with the Network's organizations. Deny by default.
 * - read: everyone (the participants and their profiles are public);
 * - update, verify: the organization's own partner, or the Secretariat;
 * - updateIdentity (names, acronyms, kind, source), create: the Secretariat only;
 * - seed: the platform itself.
 */
export type NetworkAction = "read" | "update" | "verify" | "updateIdentity" | "create" | "seed";

export function mayNetwork(actor: Actor, action: NetworkAction, slug?: string): boolean {
  switch (action) {
    case "read":
      return true;
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
  throw actor.kind === "public"
    ? new AppError(401, "unauthenticated", "errors.unauthenticated")
    : new AppError(403, "forbidden", "errors.forbidden");
}
