import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the annual reports. Deny by default.
 * - read: everyone (the draft is made of public records; narratives in draft never show);
 * - administer (the back-office page), write (narratives), adopt (record the adopted symbol): the Secretariat;
 * - seed: the platform itself.
 */
export type ReportsAction = "read" | "administer" | "write" | "adopt" | "seed";

export const reportsPolicy = definePolicy<ReportsAction, undefined>("reports", {
  read: () => true,
  administer: (actor) => isSecretariat(actor),
  write: (actor) => isSecretariat(actor),
  adopt: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayReports = (actor: Actor, action: ReportsAction) => may(reportsPolicy, actor, action, undefined);
export const authorizeReports = (actor: Actor, action: ReportsAction) => authorize(reportsPolicy, actor, action, undefined);
