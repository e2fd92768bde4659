import type { Actor, Role } from "./actor.js";
import { AppError, notFound } from "./errors.js";

/**
 * Who may do what, decided in one place per module (its `policy.ts`) and answered the same way
 * everywhere:
 * - "allow": go on;
 * - "deny": 401 `unauthenticated` for the public (who should sign in), 403 `forbidden` for anyone else;
 * - "hidden": 404 `not_found`, as if the record did not exist — for someone with a scope asking
 *   about a record outside it (another member's delegate), who learns nothing from the answer.
 *
 * A rule may also answer `true` (allow) or `false` (deny). An action without a rule is denied.
 */
export type Decision = "allow" | "deny" | "hidden";

export type Rule<R> = (actor: Actor, resource: R) => Decision | boolean;

export interface Policy<A extends string, R> {
  readonly name: string;
  readonly rules: Partial<Record<A, Rule<R>>>;
}

/**
 * The rule for one record that people of a scoped role act for (a delegate's member, a partner's
 * organization): allowed when `actsFor` says so, hidden (404) from others of that role, denied
 * to everyone else, and denied when the request names no record.
 */
export const ownRecord =
  <R>(role: Role, idOf: (resource: R) => string | undefined, actsFor: (actor: Actor, id: string) => boolean): Rule<R> =>
  (actor, resource) => {
    const id = idOf(resource);
    if (id === undefined) return "deny";
    if (actsFor(actor, id)) return "allow";
    return actor.kind === "user" && actor.role === role ? "hidden" : "deny";
  };

/** A module's rules, one per action. */
export const definePolicy = <A extends string, R = undefined>(name: string, rules: Partial<Record<A, Rule<R>>>): Policy<A, R> => ({ name, rules });

/** What the policy says about this actor doing this action to this resource (deny by default). */
export function decide<A extends string, R>(policy: Policy<A, R>, actor: Actor, action: A, resource: R): Decision {
  const rule = policy.rules[action];
  if (!rule) return "deny";
  const answer = rule(actor, resource);
  return answer === true ? "allow" : answer === false ? "deny" : answer;
}

/** Whether the actor may (for showing a button or a link). */
export const may = <A extends string, R>(policy: Policy<A, R>, actor: Actor, action: A, resource: R): boolean =>
  decide(policy, actor, action, resource) === "allow";

export const unauthenticated = () => new AppError(401, "unauthenticated", "errors.unauthenticated");
export const forbidden = () => new AppError(403, "forbidden", "errors.forbidden");

/** Goes on when allowed; otherwise throws the one error that fits (401, 403 or 404). */
export function authorize<A extends string, R>(policy: Policy<A, R>, actor: Actor, action: A, resource: R): void {
  const decision = decide(policy, actor, action, resource);
  if (decision === "allow") return;
  if (decision === "hidden") throw notFound();
  throw actor.kind === "public" ? unauthenticated() : forbidden();
}
