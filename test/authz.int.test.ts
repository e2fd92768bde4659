import { scopeGrants } from "../src/actor.js";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/actor.js";
import { digest, newSecret } from "../src/modules/accounts/secrets.js";
import { createApiToken } from "../src/modules/accounts/service.js";
import { ACTORS, type ActorName, type Allowed, type Fixture, MATRIX, type Outcome, prepareScopes, type RouteCase, SIGNED_IN, type Scope } from "./authz-matrix.js";
import { testApp } from "./app.js";
import { buildNotingRoutes, routesToCheck } from "./routes.js";

/**
 * Walks the authorization matrix (`authz-matrix.ts`): every registered route × every kind of
 * person, each request sent with that person's session (and, for the API, their API token).
 */

type SignedIn = Exclude<ActorName, "public">;
const SIGNED_IN_ACTORS = ACTORS.filter((a): a is SignedIn => a !== "public");
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

let t: Awaited<ReturnType<typeof testApp>>;
/** Every route the app under test registered. */
let registered = new Set<string>();

interface Credentials {
  userId: number;
  actor: UserActor;
  cookie: string;
  csrf: string;
  /** A read-only API token. */
  token: string;
  revocableTokenId: number;
}
const people = {} as Record<SignedIn, Credentials>;
const passwordTokens = {} as Record<ActorName, string>;
let targetUserId = 0;

async function insertUser(email: string, name: string, scope: Scope) {
  const row = await t.database.db
    .insertInto("users")
    .values({ email, name, role: scope.role, economy_code: scope.economy, organization_slug: scope.organization, competition_year: scope.competition, password_hash: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A session of this user straight in the database: the cookie's secret and the form token. */
async function newSession(userId: number): Promise<{ cookie: string; csrf: string }> {
  const secret = newSecret();
  const csrf = newSecret();
  await t.database.db.insertInto("sessions").values({ id_hash: digest(secret), user_id: userId, csrf_token: csrf }).execute();
  return { cookie: `t4m_session=${secret}`, csrf };
}

beforeAll(async () => {
  // Public forms are rate-limited per minute; this file sends each of them a dozen times.
  // With a metrics token configured, `/metrics` exists and must refuse every person.
  ({ built: t, routes: registered } = await buildNotingRoutes(() => testApp({ FORM_RATE_LIMIT: "1000", METRICS_TOKEN: randomBytes(32).toString("hex") })));
  const db = t.database.db;
  await prepareScopes(db);
  for (const name of SIGNED_IN_ACTORS) {
    const scope = SIGNED_IN[name];
    const email = `${name.toLowerCase()}@authz.test`;
    const userId = await insertUser(email, `Authz ${name}`, scope);
    const actor: UserActor = { kind: "user", id: userId, email, name: `Authz ${name}`, role: scope.role, grants: scopeGrants(scope), via: "session" };
    const { token } = await createApiToken(actor, db, { name: "authz read", access: "read" });
    const revocable = await createApiToken(actor, db, { name: "authz revocable", access: "read" });
    people[name] = { userId, actor, ...(await newSession(userId)), token, revocableTokenId: revocable.id };
  }
  targetUserId = await insertUser("target@authz.test", "Target of the authz test", { role: "editor", economy: null, organization: null, competition: null });
  // One throwaway account per actor with an unused invitation link: using a link retires the account's others.
  for (const name of ACTORS) {
    const userId = await insertUser(`link-${name.toLowerCase()}@authz.test`, `Link ${name}`, { role: "editor", economy: null, organization: null, competition: null });
    const secret = newSecret();
    await db
      .insertInto("one_time_tokens")
      .values({ token_hash: digest(secret), user_id: userId, purpose: "invite", expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    passwordTokens[name] = secret;
  }
});
afterAll(() => t?.close());

// --- Sending a matrix entry's request ----------------------------------------------------------

const methodOf = (key: string) => key.slice(0, key.indexOf(" "));
const resolve = async <T,>(value: T | ((f: Fixture) => T | Promise<T>), f: Fixture): Promise<T> =>
  typeof value === "function" ? (value as (f: Fixture) => T | Promise<T>)(f) : value;

const fixtureFor = (actor: ActorName): Fixture => ({
  actor,
  db: t.database.db,
  targetUserId,
  revocableTokenId: people[actor === "public" ? "admin" : actor].revocableTokenId,
  passwordToken: passwordTokens[actor],
});

interface Sending {
  /** Send the form token (`_csrf` in the body; `x-csrf-token` for a body-less API call). */
  csrf: boolean;
  /** Authenticate with the actor's API token instead of their session cookie. */
  token?: boolean;
}

async function send(key: string, entry: RouteCase, actor: ActorName, how: Sending) {
  const method = methodOf(key);
  const f = fixtureFor(actor);
  await entry.prepare?.(t.database.db);
  const url = await resolve(entry.url, f);
  const headers: Record<string, string> = {};
  let csrf: string | undefined;
  if (how.token && actor !== "public") {
    headers.authorization = `Bearer ${people[actor].token}`;
  } else if (actor === "public") {
    // Anonymous forms: the double-submit cookie, as a browser that opened the form would have.
    csrf = randomBytes(32).toString("base64url");
    headers.cookie = `t4m_csrf=${csrf}`;
  } else {
    const session = entry.ownSession ? await newSession(people[actor].userId) : people[actor];
    headers.cookie = session.cookie;
    csrf = session.csrf;
  }
  if (SAFE.has(method)) return t.app.inject({ method: method as "GET", url, headers });
  const form: Record<string, string> = { ...(await resolve(entry.body ?? {}, f)) };
  if (how.csrf && csrf) {
    form._csrf = csrf;
    headers["x-csrf-token"] = csrf;
  }
  headers["content-type"] = "application/x-www-form-urlencoded";
  return t.app.inject({ method: method as "POST", url, headers, payload: new URLSearchParams(form).toString() });
}

/** Denied: 401 or 403, or for a page the 303 to the sign-in form that a 401 becomes. */
function outcomeOf(res: { statusCode: number; headers: Record<string, unknown> }): Outcome {
  expect(res.statusCode, "never a server error").toBeLessThan(500);
  if (res.statusCode === 401 || res.statusCode === 403) return "deny";
  if (res.statusCode === 404) return "hidden";
  const location = String(res.headers.location ?? "");
  if (res.statusCode === 303 && /^\/en\/sign-in(\?next=|$)/.test(location)) return "deny";
  return "allow";
}

/** An allowed request answered as its entry says: the status, and for a redirect the place. */
function expectAllowed(entry: RouteCase, actor: ActorName, res: { statusCode: number; headers: Record<string, unknown> }) {
  const allowed: Allowed = (typeof entry.allowed === "function" ? entry.allowed(actor) : entry.allowed) ?? { status: 200 };
  const location = String(res.headers.location ?? "");
  expect(res.statusCode, `the answer of an allowed request${location ? ` (to ${location})` : ""}`).toBe(allowed.status);
  expect(location, "where an allowed request leads").toMatch(allowed.location ?? /^$/);
}

const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]?.n);

// --- The tests --------------------------------------------------------------------------------

describe("the matrix covers every route", () => {
  it("has an entry for every registered route, and only for those", () => {
    const routes = routesToCheck(registered);
    expect(routes.length, "routes were enumerated").toBeGreaterThan(20);
    for (const key of routes) {
      const [method, url] = [methodOf(key), key.slice(key.indexOf(" ") + 1)];
      expect(t.app.hasRoute({ method: method as "GET", url }), key).toBe(true);
    }
    expect(routes.filter((key) => !Object.hasOwn(MATRIX, key)).sort(), "routes without an entry in test/authz-matrix.ts").toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !registered.has(key)).sort(), "entries of test/authz-matrix.ts naming no route").toEqual([]);
  });
});

for (const [key, entry] of Object.entries(MATRIX)) {
  const changesState = !SAFE.has(methodOf(key));
  const isApi = / \/api\//.test(key);
  describe(key, () => {
    for (const actor of ACTORS) {
      const expected = entry.expect[actor];
      it(`${key} as ${actor} should be ${{ allow: "allowed", deny: "denied", hidden: "told it does not exist (404)" }[expected]}`, async () => {
        const before = changesState && expected !== "allow" ? await auditCount() : 0;
        const res = await send(key, entry, actor, { csrf: true });
        expect(outcomeOf(res), `${res.statusCode} ${res.headers.location ?? ""}`).toBe(expected);
        if (expected === "allow") expectAllowed(entry, actor, res);
        // A refused change leaves no trace: every write lands in the audit log.
        if (changesState && expected !== "allow") expect(await auditCount(), "the audit log is unchanged").toBe(before);
      });
    }

    if (isApi) {
      for (const actor of SIGNED_IN_ACTORS) {
        const expected = entry.expect[actor];
        it(`${key} with an API token of ${actor} should be ${{ allow: "allowed", deny: "denied", hidden: "told it does not exist (404)" }[expected]}`, async () => {
          const res = await send(key, entry, actor, { csrf: false, token: true });
          expect(outcomeOf(res), String(res.statusCode)).toBe(expected);
          if (expected === "allow") expectAllowed(entry, actor, res);
        });
      }
    }

    if (changesState && !entry.secretInPath) {
      const allowed = SIGNED_IN_ACTORS.find((a) => entry.expect[a] === "allow");
      if (allowed) {
        it(`${key} without the CSRF token is refused for ${allowed}`, async () => {
          const before = await auditCount();
          const res = await send(key, entry, allowed, { csrf: false });
          expect(res.statusCode).toBe(403);
          expect(res.body).not.toBe("");
          expect(await auditCount(), "the audit log is unchanged").toBe(before);
        });
        it(`${key} with a read-only API token is refused for ${allowed}`, async () => {
          const res = await send(key, entry, allowed, { csrf: false, token: true });
          expect(res.statusCode).toBe(403);
        });
      }
      it(`${key} without the CSRF token is refused for the public`, async () => {
        const res = await send(key, { ...entry, ownSession: undefined }, "public", { csrf: false });
        expect(res.statusCode).toBe(403);
      });
    }
  });
}
