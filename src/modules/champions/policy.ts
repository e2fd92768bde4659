import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy } from "../../policy.js";

/**
 * Who may do what with the Small Business Champions. Deny by default.
 * - read: everyone (competitions and their results are public);
 * - administer: set up a year's competition and record its results: the Secretariat;
 * - seed: the platform itself.
 * (Proposals and judging are not built yet: see the README.)
 */
export type ChampionsAction = "read" | "administer" | "seed";

export const championsPolicy = definePolicy<ChampionsAction>("champions", {
  read: () => true,
  administer: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const authorizeChampions = (actor: Actor, action: ChampionsAction) => authorize(championsPolicy, actor, action, undefined);
