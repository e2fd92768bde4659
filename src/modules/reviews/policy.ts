import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the Trade Policy Review references. Deny by default.
 * - read: everyone (the references, definitions and Q&As are public);
 * - edit: the Secretariat, who keeps the database (reviews, references, Q&As);
 * - import, seed: the platform itself (the command line, the demo data).
 */
export type ReviewsAction = "read" | "edit" | "import" | "seed";

export const reviewsPolicy = definePolicy<ReviewsAction>("reviews", {
  read: () => true,
  edit: (actor) => isSecretariat(actor),
  import: (actor) => actor.kind === "system",
  seed: (actor) => actor.kind === "system",
});

export const mayReviews = (actor: Actor, action: ReviewsAction): boolean => may(reviewsPolicy, actor, action, undefined);
export const authorizeReviews = (actor: Actor, action: ReviewsAction): void => authorize(reviewsPolicy, actor, action, undefined);
