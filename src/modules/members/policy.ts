import type { Actor } from "../../actor.js";
import { AppError } from "../../http/errors.js";

/** Who may do what with members and group memberships. Deny by default. */
export type MembersAction = "read" | "import" | "seed";

export function mayMembers(actor: Actor, action: MembersAction): boolean {
  switch (action) {
    case "read":
      return true; // every published fact about members is public
    case "import":
    case "seed":
      return actor.kind === "system";
    default:
      return false;
  }
}

export function authorizeMembers(actor: Actor, action: MembersAction): void {
  if (!mayMembers(actor, action)) {
    throw new AppError(actor.kind === "public" ? 401 : 403, "forbidden", "errors.forbidden");
  }
}
