import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the newsletters. Deny by default.
 * - read (the archive), subscribe, confirm, unsubscribe: everyone (a link's token is the proof);
 * - administer, compose, send: the Secretariat (editors and admins);
 * - bounces (reading bounce reports): the platform itself (the command line) and the Secretariat;
 * - seed: the platform itself.
 */
export type NewslettersAction = "read" | "subscribe" | "administer" | "compose" | "send" | "bounces" | "seed";

export const newslettersPolicy = definePolicy<NewslettersAction>("newsletters", {
  read: () => true,
  subscribe: () => true,
  administer: (actor) => isSecretariat(actor),
  compose: (actor) => isSecretariat(actor),
  send: (actor) => isSecretariat(actor),
  bounces: (actor) => actor.kind === "system" || isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayNewsletters = (actor: Actor, action: NewslettersAction) => may(newslettersPolicy, actor, action, undefined);
export const authorizeNewsletters = (actor: Actor, action: NewslettersAction) => authorize(newslettersPolicy, actor, action, undefined);
