import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the Group's meetings. Deny by default.
 * - read: everyone (meetings, their agendas, speakers and presentations are public);
 * - readRestricted: the Secretariat (slides restricted to it, until the day given);
 * - administer, create, update: the Secretariat (admins and editors);
 * - seed: the platform itself.
 */
export type MeetingsAction = "read" | "readRestricted" | "administer" | "create" | "update" | "seed";

export const meetingsPolicy = definePolicy<MeetingsAction, undefined>("meetings", {
  read: () => true,
  readRestricted: (actor) => isSecretariat(actor),
  administer: (actor) => isSecretariat(actor),
  create: (actor) => isSecretariat(actor),
  update: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayMeetings = (actor: Actor, action: MeetingsAction): boolean => may(meetingsPolicy, actor, action, undefined);
export const authorizeMeetings = (actor: Actor, action: MeetingsAction): void => authorize(meetingsPolicy, actor, action, undefined);
