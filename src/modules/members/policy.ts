import { type Actor, actsForMember, isSecretariat } from "../../actor.js";
import { authorize, definePolicy, may, ownRecord } from "../../policy.js";

/** Who may do what with members and group memberships. Deny by default. */
export type MembersAction = "read" | "import" | "seed" | "admin" | "create" | "edit" | "verify" | "delete";

/** The member a request is about, when it is about one. */
interface MemberResource {
  economy?: string;
}

const isDelegate = (actor: Actor) => actor.kind === "user" && actor.role === "delegate";

/** One member's facts: the Secretariat, or that member's delegate; another member's delegate is not told the record exists. */
const ownMember = ownRecord<MemberResource>("delegate", (r) => r.economy, actsForMember);

/**
 * - read: everyone (every published fact about members is public)
 * - admin: open the back office's members list (the Secretariat: all; a delegate: their member)
 * - create, delete: add an economy or a membership, remove a membership (the Secretariat)
 * - edit, verify: change or confirm one member's facts (the Secretariat, or that member's delegate)
 * - import, seed: the platform itself (the command line, the demo data)
 */
export const membersPolicy = definePolicy<MembersAction, MemberResource>("members", {
  read: () => true,
  admin: (actor) => isSecretariat(actor) || isDelegate(actor),
  create: (actor) => isSecretariat(actor),
  delete: (actor) => isSecretariat(actor),
  edit: ownMember,
  verify: ownMember,
  import: (actor) => actor.kind === "system",
  seed: (actor) => actor.kind === "system",
});

export const mayMembers = (actor: Actor, action: MembersAction, economy?: string): boolean => may(membersPolicy, actor, action, { economy });

export const authorizeMembers = (actor: Actor, action: MembersAction, economy?: string): void => authorize(membersPolicy, actor, action, { economy });
