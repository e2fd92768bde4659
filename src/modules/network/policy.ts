import { type Actor, actsForOrganization, grantOf, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, forbidden, may, ownRecord } from "../../policy.js";

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

interface OrganizationResource {
  slug?: string;
}

/** One organization's profile: its partner or the Secretariat; another organization's partner is not told it exists. */
const ownOrganization = ownRecord<OrganizationResource>("partner", (r) => r.slug, actsForOrganization);

export const networkPolicy = definePolicy<NetworkAction, OrganizationResource>("network", {
  read: () => true,
  administer: (actor) => isSecretariat(actor) || (actor.kind === "user" && actor.role === "partner" && grantOf(actor, "organization") !== null),
  update: ownOrganization,
  verify: ownOrganization,
  updateIdentity: (actor) => isSecretariat(actor),
  create: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayNetwork = (actor: Actor, action: NetworkAction, slug?: string): boolean => may(networkPolicy, actor, action, { slug });

export const authorizeNetwork = (actor: Actor, action: NetworkAction, slug?: string): void => authorize(networkPolicy, actor, action, { slug });

/**
 * Which organizations the actor may edit, as a filter for the back-office list: `{}` (all) for the
 * Secretariat, `{ slug }` for a partner. Throws (401/403) for anyone else.
 */
export function editableScope(actor: Actor): { slug?: string } {
  authorizeNetwork(actor, "administer");
  if (isSecretariat(actor)) return {};
  const own = grantOf(actor, "organization");
  if (actor.kind === "user" && actor.role === "partner" && own) return { slug: own };
  throw forbidden();
}
