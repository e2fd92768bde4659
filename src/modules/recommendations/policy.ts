import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the recommendations from traders. Deny by default.
 * - read (the issued ones), submit, confirm, track: everyone (a link's token is the proof);
 * - administer (the queue, a submission's page and its attachment): the Secretariat (editors and
 *   admins), and the platform (the command line's `recommendations queue`);
 * - review, issue, decline, tag: the Secretariat;
 * - seed: the platform itself.
 */
export type RecommendationsAction = "read" | "submit" | "administer" | "review" | "issue" | "decline" | "tag" | "seed";

export const recommendationsPolicy = definePolicy<RecommendationsAction>("recommendations", {
  read: () => true,
  submit: () => true,
  administer: (actor) => isSecretariat(actor) || actor.kind === "system",
  review: (actor) => isSecretariat(actor),
  issue: (actor) => isSecretariat(actor),
  decline: (actor) => isSecretariat(actor),
  tag: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayRecommendations = (actor: Actor, action: RecommendationsAction) => may(recommendationsPolicy, actor, action, undefined);
export const authorizeRecommendations = (actor: Actor, action: RecommendationsAction) => authorize(recommendationsPolicy, actor, action, undefined);
