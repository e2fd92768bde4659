import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with agreements and their MSME provisions. Deny by default.
 * - read: everyone (the WTO RTA database and the coding are public);
 * - code (add, edit, verify, remove MSME provisions; open those back-office screens): the Secretariat;
 * - import (the WTO export, from the command line or the back office): the Secretariat, and the platform itself;
 * - seed: the platform itself.
 */
export type AgreementsAction = "read" | "code" | "import" | "seed";

export const agreementsPolicy = definePolicy<AgreementsAction>("agreements", {
  read: () => true,
  code: (actor) => isSecretariat(actor),
  import: (actor) => isSecretariat(actor) || actor.kind === "system",
  seed: (actor) => actor.kind === "system",
});

export const mayAgreements = (actor: Actor, action: AgreementsAction): boolean => may(agreementsPolicy, actor, action, undefined);

export const authorizeAgreements = (actor: Actor, action: AgreementsAction): void => authorize(agreementsPolicy, actor, action, undefined);
