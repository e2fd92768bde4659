/**
 * Who is acting. Every service function takes the actor first, so that access rules run whichever
 * way a capability is reached (page, API, CLI, job).
 */
export const ROLES = ["admin", "editor", "delegate", "partner"] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person (or a script using one of their API tokens). */
export interface UserActor {
  kind: "user";
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The member a delegate acts for (economy code, e.g. `UY`); null for other roles. */
  economy: string | null;
  /** The organization a partner acts for (slug, e.g. `itc`); null for other roles. */
  organization: string | null;
  /** How the request was authenticated: API tokens never carry a CSRF risk, sessions do. */
  via: "session" | "token";
}

export type Actor =
  | { kind: "public" }
  /** The platform itself or an operator at the command line (migrations, seeds, imports). */
  | { kind: "system"; name: string }
  | UserActor;

export const PUBLIC: Actor = { kind: "public" };
export const systemActor = (name: string): Actor => ({ kind: "system", name });

/** Secretariat staff: editors and admins may edit everything. */
export const isSecretariat = (actor: Actor): boolean =>
  actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const isAdmin = (actor: Actor): boolean => actor.kind === "user" && actor.role === "admin";

/** Whether the actor speaks for this member: the Secretariat, or the member's own delegate. */
export const actsForMember = (actor: Actor, economy: string): boolean =>
  actor.kind === "user" && (isSecretariat(actor) || (actor.role === "delegate" && actor.economy === economy));

/** Whether the actor speaks for this organization: the Secretariat, or its own partner. */
export const actsForOrganization = (actor: Actor, organization: string): boolean =>
  actor.kind === "user" && (isSecretariat(actor) || (actor.role === "partner" && actor.organization === organization));
