import { type Actor, isSecretariat } from "../../actor.js";
import { AppError } from "../../errors.js";

/**
 * Who may do what with the audit trail. Deny by default.
 * - read-log: read the whole, platform-wide log (the Secretariat: editors and admins)
 *
 * Writing is not an action here: every service writes its own records through `recordChanges`,
 * in the transaction that makes the change. A record's own history is shown by the module that
 * owns the record, under that module's rules.
 */
export type AuditAccess = "read-log";

export function mayAudit(actor: Actor, action: AuditAccess): boolean {
  switch (action) {
    case "read-log":
      return isSecretariat(actor);
    default:
      return false;
  }
}

/** Throws 401 for the public (who should sign in) and 403 for anyone else not allowed. */
export function authorizeAudit(actor: Actor, action: AuditAccess): void {
  if (mayAudit(actor, action)) return;
  if (actor.kind === "public") throw new AppError(401, "unauthenticated", "errors.unauthenticated");
  throw new AppError(403, "forbidden", "errors.forbidden");
}
