import { type Actor, isAdmin } from "../../actor.js";
import { AppError } from "../../errors.js";

/**
 * Who may see the outbox and send an email again: admins only (the outbox names people and
 * what was sent to them; message bodies, which hold password links, are never shown). Deny by default.
 */
export type MailAction = "read" | "retry";

export function mayMail(actor: Actor, action: MailAction): boolean {
  switch (action) {
    case "read":
    case "retry":
      return isAdmin(actor);
    default:
      return false;
  }
}

export function authorizeMail(actor: Actor, action: MailAction): void {
  if (!mayMail(actor, action)) throw new AppError(actor.kind === "public" ? 401 : 403, "forbidden", "errors.forbidden");
}
