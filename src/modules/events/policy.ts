import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the Group's events. Deny by default.
 * - read: everyone (events are public);
 * - administer, create, update, delete: the Secretariat;
 * - seed: the platform itself.
 */
export type EventsAction = "read" | "administer" | "create" | "update" | "delete" | "seed";

export const eventsPolicy = definePolicy<EventsAction>("events", {
  read: () => true,
  administer: (actor) => isSecretariat(actor),
  create: (actor) => isSecretariat(actor),
  update: (actor) => isSecretariat(actor),
  delete: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayEvents = (actor: Actor, action: EventsAction): boolean => may(eventsPolicy, actor, action, undefined);
export const authorizeEvents = (actor: Actor, action: EventsAction): void => authorize(eventsPolicy, actor, action, undefined);
