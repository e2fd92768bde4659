import { type Actor, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may } from "../../policy.js";

/**
 * Who may do what with the document registry. Deny by default.
 * - read: everyone; what they see is `seesRestricted`'s answer (the public: public documents, and
 *   restricted ones from the day their restriction ends);
 * - readRestricted: the Secretariat (admins and editors) see every document;
 * - create, update, delete, verify, upload, administer (the back-office screens): the Secretariat;
 * - seed: the platform itself; issue (a number of a series, for another module's transaction):
 *   the Secretariat and the platform.
 */
export type DocumentsAction = "read" | "readRestricted" | "administer" | "create" | "update" | "delete" | "verify" | "upload" | "issue" | "seed";

export const documentsPolicy = definePolicy<DocumentsAction>("documents", {
  read: () => true,
  readRestricted: (actor) => isSecretariat(actor) || actor.kind === "system",
  administer: (actor) => isSecretariat(actor),
  create: (actor) => isSecretariat(actor) || actor.kind === "system",
  update: (actor) => isSecretariat(actor),
  delete: (actor) => isSecretariat(actor),
  verify: (actor) => isSecretariat(actor),
  upload: (actor) => isSecretariat(actor),
  issue: (actor) => isSecretariat(actor) || actor.kind === "system",
  seed: (actor) => actor.kind === "system",
});

export const mayDocuments = (actor: Actor, action: DocumentsAction): boolean => may(documentsPolicy, actor, action, undefined);

export const authorizeDocuments = (actor: Actor, action: DocumentsAction): void => authorize(documentsPolicy, actor, action, undefined);

/** Whether the actor's reads include restricted documents (else they are as absent). */
export const seesRestricted = (actor: Actor): boolean => mayDocuments(actor, "readRestricted");
