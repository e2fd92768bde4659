import type { Actor } from "../../actor.js";
import { AppError } from "../../http/errors.js";

/**
 * Who may do what with the search index. Deny by default.
 * - search: everyone; what they find is `searchScope`'s answer;
 * - reindex: the platform itself (the command line, the seed).
 */
export type SearchAction = "search" | "reindex";

export function maySearch(actor: Actor, action: SearchAction): boolean {
  switch (action) {
    case "search":
      return true;
    case "reindex":
      return actor.kind === "system";
    default:
      return false;
  }
}

export function authorizeSearch(actor: Actor, action: SearchAction): void {
  if (maySearch(actor, action)) return;
  throw actor.kind === "public" ? new AppError(401, "unauthenticated", "errors.unauthenticated") : new AppError(403, "forbidden", "errors.forbidden");
}

/**
 * What an actor's searches may find, as a filter: public documents (and restricted ones whose
 * restriction has ended) for everyone today. Restricted documents reach nobody's results until a
 * capability that indexes them decides here who may see them (e.g. the Secretariat), and its
 * pages are then not cached (a signed-in page never is).
 */
export function searchScope(_actor: Actor): { restricted: boolean } {
  return { restricted: false };
}
