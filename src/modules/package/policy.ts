import { type Actor, actsForMember, grantOf, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, forbidden, may, ownRecord } from "../../policy.js";

/**
 * Who may do what with the package's implementation records. Deny by default.
 * - read: everyone, confirmed records only (the service filters);
 * - administer: open the back office's package screens (the Secretariat; a delegate for their member);
 * - record, verify: create, change and verify one member's records (that member's delegate, or the
 *   Secretariat); another member's delegate is not told the record exists (404);
 * - confirm: the Secretariat only;
 * - seed: the platform itself.
 */
export type PackageAction = "read" | "administer" | "record" | "verify" | "confirm" | "seed";

interface RecordResource {
  economy?: string;
}

const isDelegate = (actor: Actor) => actor.kind === "user" && actor.role === "delegate" && grantOf(actor, "economy") !== null;

const ownMember = ownRecord<RecordResource>("delegate", (r) => r.economy, actsForMember);

export const packagePolicy = definePolicy<PackageAction, RecordResource>("package", {
  read: () => true,
  administer: (actor) => isSecretariat(actor) || isDelegate(actor),
  record: ownMember,
  verify: ownMember,
  confirm: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
});

export const mayPackage = (actor: Actor, action: PackageAction, economy?: string): boolean => may(packagePolicy, actor, action, { economy });

export const authorizePackage = (actor: Actor, action: PackageAction, economy?: string): void => authorize(packagePolicy, actor, action, { economy });

/** The records an actor may edit, as a filter: all for the Secretariat, their member's for a delegate. */
export function editableScope(actor: Actor): { economy?: string } {
  authorizePackage(actor, "administer");
  if (isSecretariat(actor)) return {};
  const own = grantOf(actor, "economy");
  if (own) return { economy: own };
  throw forbidden();
}
