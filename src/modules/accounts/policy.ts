import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy } from "../../policy.js";

/**
 * Who may do what with accounts. Deny by default.
 * - manage: invite, list, edit and disable accounts (admins only)
 * - own-tokens: one's own account: API tokens, the language of one's emails (any signed-in user)
 * - bootstrap: the first admin and the demo accounts (the command line only)
 * - list-judges: see who judges a year's Small Business Champions, to assign them (the Secretariat)
 */
export type AccountsAction = "manage" | "own-tokens" | "bootstrap" | "list-judges";

export function mayAccounts(actor: Actor, action: AccountsAction): boolean {
  switch (action) {
    case "manage":
      return actor.kind === "user" && actor.role === "admin";
    case "own-tokens":
      return actor.kind === "user";
    case "bootstrap":
      return actor.kind === "system";
    case "list-judges":
      return isSecretariat(actor);
    default:
      return false;
  }
}

const accountsPolicy = definePolicy<AccountsAction>("accounts", {
  manage: (actor) => mayAccounts(actor, "manage"),
  "own-tokens": (actor) => mayAccounts(actor, "own-tokens"),
  bootstrap: (actor) => mayAccounts(actor, "bootstrap"),
  "list-judges": (actor) => mayAccounts(actor, "list-judges"),
});

export const authorizeAccounts = (actor: Actor, action: AccountsAction): void => authorize(accountsPolicy, actor, action, undefined);
