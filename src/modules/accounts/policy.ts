import type { Actor } from "../../actor.js";
import { AppError } from "../../errors.js";

/**
 * Who may do what with accounts. Deny by default.
 * - manage: invite, list, edit and disable accounts (admins only)
 * - own-tokens: one's own account: API tokens, the language of one's emails (any signed-in user)
 * - bootstrap: the first admin and the demo accounts (the command line only)
 */
export type AccountsAction = "manage" | "own-tokens" | "bootstrap";

export function mayAccounts(actor: Actor, action: AccountsAction): boolean {
  switch (action) {
    case "manage":
      return actor.kind === "user" && actor.role === "admin";
    case "own-tokens":
      return actor.kind === "user";
    case "bootstrap":
      return actor.kind === "system";
    default:
      return false;
  }
}

export function authorizeAccounts(actor: Actor, action: AccountsAction): void {
  if (!mayAccounts(actor, action)) throw new AppError(actor.kind === "public" ? 401 : 403, "forbidden", "errors.forbidden");
}
