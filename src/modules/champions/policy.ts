import type { Actor } from "../../actor.js";
import { authorize, definePolicy } from "../../policy.js";

/**
 * Who may do what with the Small Business Champions. Deny by default.
 * - read: everyone (competitions and their results are public);
 * - seed: the platform itself.
 * (Proposals, judging and the recording of results are not built yet: see the README.)
 */
export type ChampionsAction = "read" | "seed";

export const championsPolicy = definePolicy<ChampionsAction>("champions", {
  read: () => true,
  seed: (actor) => actor.kind === "system",
});

export const authorizeChampions = (actor: Actor, action: ChampionsAction) => authorize(championsPolicy, actor, action, undefined);
