import { type Actor, grantOf, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, forbidden, may, type Rule } from "../../policy.js";

/**
 * Who may do what with guides, topics, glossary terms and tools. Deny by default.
 * - read: everyone (published items; drafts only for those who may edit them, see `readDrafts`);
 * - administer (open the back office's knowledge screens, the translation queue): the
 *   Secretariat, and a Network partner for their own organization's items;
 * - edit, verify: the Secretariat for every item; a partner for the items their organization
 *   owns — any other item (another organization's or the Secretariat's) is hidden from them (404);
 * - create: the Secretariat (any owner), a partner (owned by their organization);
 * - seed: the platform itself.
 */
export type KnowledgeAction = "read" | "administer" | "edit" | "verify" | "create" | "seed";

interface OwnedResource {
  /** The owning organization's slug; null for the Secretariat's items. */
  owner?: string | null;
}

const partnerOrganization = (actor: Actor): string | null => (actor.kind === "user" && actor.role === "partner" ? grantOf(actor, "organization") : null);

const ownItem: Rule<OwnedResource> = (actor, resource) => {
  if (isSecretariat(actor)) return "allow";
  const own = partnerOrganization(actor);
  if (own === null) return "deny";
  if (resource.owner === undefined) return "deny";
  return resource.owner === own ? "allow" : "hidden";
};

export const knowledgePolicy = definePolicy<KnowledgeAction, OwnedResource>("knowledge", {
  read: () => true,
  administer: (actor) => isSecretariat(actor) || partnerOrganization(actor) !== null,
  edit: ownItem,
  verify: ownItem,
  // A partner may only create items their organization owns (403 for another owner: they named it).
  create: (actor, resource) => isSecretariat(actor) || (partnerOrganization(actor) !== null && (resource.owner === undefined || resource.owner === partnerOrganization(actor))),
  seed: (actor) => actor.kind === "system",
});

export const mayKnowledge = (actor: Actor, action: KnowledgeAction, owner?: string | null): boolean => may(knowledgePolicy, actor, action, { owner });
export const authorizeKnowledge = (actor: Actor, action: KnowledgeAction, owner?: string | null): void => authorize(knowledgePolicy, actor, action, { owner });

/**
 * Whose items the actor edits, as a list filter: undefined (all) for the Secretariat, their
 * organization's slug for a partner. Throws (401/403) for anyone else.
 */
export function editScope(actor: Actor): string | undefined {
  authorizeKnowledge(actor, "administer");
  if (isSecretariat(actor)) return undefined;
  const own = partnerOrganization(actor);
  if (own) return own;
  throw forbidden();
}
