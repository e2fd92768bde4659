import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy } from "../../policy.js";

/**
 * Who may do what with the search index. Deny by default.
 * - search: everyone; what they find is `searchScope`'s answer;
 * - reindex: the platform itself (the command line, the seed).
 */
export type SearchAction = "search" | "reindex";

export const searchPolicy = definePolicy<SearchAction>("search", {
  search: () => true,
  reindex: (actor) => actor.kind === "system",
});

export const authorizeSearch = (actor: Actor, action: SearchAction): void => authorize(searchPolicy, actor, action, undefined);

/**
 * What an actor's searches may find, as a filter: public documents (and restricted ones whose
 * restriction has ended) for everyone; restricted ones too for the Secretariat (admins and
 * editors), who see restricted records in every list (the document registry's). Their pages are
 * never cached (a signed-in page never is).
 */
export function searchScope(actor: Actor): { restricted: boolean } {
  return { restricted: isSecretariat(actor) };
}
