/**
 * Who is acting. Every service function takes the actor first, so that access rules run whichever
 * way a capability is reached (page, API, CLI, job). Accounts and roles extend this union.
 */
export type Actor =
  | { kind: "public" }
  /** The platform itself or an operator at the command line (migrations, seeds, imports). */
  | { kind: "system"; name: string };

export const PUBLIC: Actor = { kind: "public" };
export const systemActor = (name: string): Actor => ({ kind: "system", name });
