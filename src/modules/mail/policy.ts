import { type Actor, isAdmin } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may see the outbox and send an email again: admins only (the outbox names people and
 * what was sent to them; message bodies, which hold password links, are never shown). Deny by default.
 */
export type MailAction = "read" | "retry";

export const mailPolicy = definePolicy<MailAction>("mail", {
  read: (actor) => isAdmin(actor),
  retry: (actor) => isAdmin(actor),
});

export const mayMail = (actor: Actor, action: MailAction): boolean => may(mailPolicy, actor, action, undefined);

export const authorizeMail = (actor: Actor, action: MailAction): void => authorize(mailPolicy, actor, action, undefined);
