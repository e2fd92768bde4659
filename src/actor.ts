/**
 * Who is acting. Every service function takes the actor first, so that access rules run whichever
 * way a capability is reached (page, API, CLI, job).
 */
/**
 * `applicant`: someone who signed up to propose for the Small Business Champions (their own
 * proposals only); `judge`: a juror of one year's competition (grant `{ on: "competition", id: "2022" }`),
 * who sees only the proposals assigned to them.
 */
export const ROLES = ["admin", "editor", "delegate", "partner", "applicant", "judge"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a person acts for, beyond their role: a delegate's member (`{ on: "economy", id: "UY" }`),
 * a partner's organization (`{ on: "organization", id: "itc" }`), and whatever later capabilities
 * need (a judge's competition, …). Policies ask `holds(actor, on, id)`; nobody reads a field named
 * after one kind of scope.
 */
export interface Grant {
  on: "economy" | "organization" | (string & {});
  id: string;
}

/** A signed-in person (or a script using one of their API tokens). */
export interface UserActor {
  kind: "user";
  id: number;
  email: string;
  name: string;
  role: Role;
  /** What they act for (none for the Secretariat, who act for everything their role allows). */
  grants: readonly Grant[];
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

/** Whether the actor holds a grant on this record. */
export const holds = (actor: Actor, on: Grant["on"], id: string): boolean =>
  actor.kind === "user" && actor.grants.some((g) => g.on === on && g.id === id);

/** The ids of the records of one kind the actor holds grants on. */
export const grantedIds = (actor: Actor, on: Grant["on"]): string[] =>
  actor.kind === "user" ? actor.grants.filter((g) => g.on === on).map((g) => g.id) : [];

/** The first (for today's roles, the only) record of a kind the actor acts for. */
export const grantOf = (actor: Actor, on: Grant["on"]): string | null => grantedIds(actor, on)[0] ?? null;

/** The grants of an account scoped to a member, an organization or a competition (as the accounts table stores them). */
export const scopeGrants = (scope: { economy?: string | null; organization?: string | null; competition?: number | null }): Grant[] => [
  ...(scope.economy ? [{ on: "economy", id: scope.economy }] : []),
  ...(scope.organization ? [{ on: "organization", id: scope.organization }] : []),
  ...(scope.competition ? [{ on: "competition", id: String(scope.competition) }] : []),
];

/** Secretariat staff: editors and admins may edit everything. */
export const isSecretariat = (actor: Actor): boolean =>
  actor.kind === "user" && (actor.role === "admin" || actor.role === "editor");

export const isAdmin = (actor: Actor): boolean => actor.kind === "user" && actor.role === "admin";

/** Whether the actor speaks for this member: the Secretariat, or the member's own delegate. */
export const actsForMember = (actor: Actor, economy: string): boolean =>
  actor.kind === "user" && (isSecretariat(actor) || (actor.role === "delegate" && holds(actor, "economy", economy)));

/** Whether the actor speaks for this organization: the Secretariat, or its own partner. */
export const actsForOrganization = (actor: Actor, organization: string): boolean =>
  actor.kind === "user" && (isSecretariat(actor) || (actor.role === "partner" && holds(actor, "organization", organization)));
