import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the audit trail. Deny by default.
 * - read-log: read the whole, platform-wide log (the Secretariat: editors and admins)
 *
 * Writing is not an action here: every service writes its own records through `recordChanges`,
 * in the transaction that makes the change. A record's own history is shown by the module that
 * owns the record, under that module's rules.
 */
export type AuditAccess = "read-log";

export const auditPolicy = definePolicy<AuditAccess>("audit", {
  "read-log": (actor) => isSecretariat(actor),
});

export const mayAudit = (actor: Actor, action: AuditAccess): boolean => may(auditPolicy, actor, action, undefined);

/** Throws 401 for the public (who should sign in) and 403 for anyone else not allowed. */
export const authorizeAudit = (actor: Actor, action: AuditAccess): void => authorize(auditPolicy, actor, action, undefined);
