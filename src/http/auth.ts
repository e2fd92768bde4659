import cookie from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { PUBLIC, type Actor } from "../actor.js";
import type { App } from "../module.js";
import { AppError, invalidInput } from "../errors.js";

/** The name of the first field (at any depth) whose text holds a NUL character. */
function nulField(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (!value || typeof value !== "object" || depth > 10) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return path ? `${path}.${key}` : key;
    const found = nulField(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Who is asking, for every request: a session cookie (people in a browser), an API token
 * (scripts), or nobody. Requests without either never touch the database here, so public pages
 * stay as fast as before. Also the CSRF check on every state-changing request.
 */
declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    /** The session behind the cookie, when the request came with a valid one. */
    session: { secret: string; csrf: string } | null;
  }
  interface FastifyContextConfig {
    /**
     * The route checks the `Authorization` header itself against a secret of its own (`/metrics`
     * and its METRICS_TOKEN): no session or API token is looked up and the actor stays the public.
     */
    ownAuthorization?: true;
    /**
     * The route reads a multipart upload with `readUpload` (src/http/uploads.ts), which checks
     * the CSRF token itself before reading the file (the hook cannot: the body is still a stream).
     */
    upload?: true;
  }
}

export interface Authenticator {
  session(secret: string): Promise<{ actor: Actor; csrf: string } | null>;
  token(token: string): Promise<{ actor: Actor; access: "read" | "write" } | null>;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Over TLS the cookies take the `__Host-` prefix: only this exact host, path `/`, Secure. They are
 * then read under that name only: a cookie without the prefix may have been planted by a sibling
 * subdomain or over plain HTTP (a fixed session, a known CSRF token), and the prefix is what rules
 * that out. Over plain HTTP (development) only the unprefixed name exists.
 */
const cookieName = (request: FastifyRequest, base: string) => (request.protocol === "https" ? `__Host-${base}` : base);
const readCookie = (request: FastifyRequest, base: string) => request.cookies[cookieName(request, base)];

const cookieOptions = (request: FastifyRequest) =>
  ({ path: "/", httpOnly: true, sameSite: "lax", secure: request.protocol === "https" }) as const;

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string) {
  reply.setCookie(cookieName(request, "t4m_session"), secret, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(cookieName(request, "t4m_session"), cookieOptions(request));
}

export const sessionSecret = (request: FastifyRequest) => readCookie(request, "t4m_session");

/**
 * The token a form must send back. Signed-in: the session's. Anonymous (sign-in, reset): a random
 * value also set as a cookie, which another site can neither read nor set (double submit).
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrf;
  let token = readCookie(request, "t4m_csrf");
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = randomBytes(32).toString("base64url");
    reply.setCookie(cookieName(request, "t4m_csrf"), token, cookieOptions(request));
  }
  return token;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function registerAuth(app: App, auth: Authenticator) {
  await app.register(cookie, { hook: "onRequest" });
  app.decorateRequest("actor", null as never);
  app.decorateRequest("session", null);

  app.addHook("onRequest", async (request) => {
    request.actor = PUBLIC;
    request.session = null;
    if (request.routeOptions.config.ownAuthorization) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match?.[1] ? await auth.token(match[1]) : null;
      if (!found) throw new AppError(401, "invalid_token", "errors.invalidToken");
      if (found.access === "read" && !SAFE.has(request.method)) throw new AppError(403, "read_only_token", "errors.readOnlyToken");
      request.actor = found.actor;
      return;
    }
    const secret = sessionSecret(request);
    if (secret) {
      const found = await auth.session(secret);
      if (found) {
        request.actor = found.actor;
        request.session = { secret, csrf: found.csrf };
      }
    }
  });

  // PostgreSQL text cannot hold NUL; no person types one. Refuse it here, once, for every field.
  app.addHook("preValidation", async (request) => {
    const field = nulField(request.query, "") ?? nulField(request.body, "");
    if (field !== undefined) throw invalidInput([{ field: field || "input", message: "validation.invalid" }]);
  });

  // After the body is parsed, before it is validated: a forged request is refused whatever it holds.
  app.addHook("preValidation", async (request) => {
    if (!csrfNeeded(request)) return;
    // A multipart upload's body is a stream read by the route: `readUpload` (src/http/uploads.ts)
    // checks the token, sent as a field before the file or as X-CSRF-Token, before it stores a byte.
    if (request.routeOptions.config.upload && request.isMultipart?.()) return;
    const body = request.body as Record<string, unknown> | undefined;
    const fromBody = body && typeof body === "object" ? body._csrf : undefined;
    const given = typeof fromBody === "string" ? fromBody : request.headers["x-csrf-token"];
    if (!csrfMatches(request, given)) throw new AppError(403, "csrf", "errors.csrf");
    if (body && typeof body === "object") delete body._csrf;
  });
}

/** Whether a request must carry the CSRF token: a state-changing one with ambient authority (a cookie). */
export function csrfNeeded(request: FastifyRequest): boolean {
  if (SAFE.has(request.method)) return false;
  if (request.actor.kind === "user" && request.actor.via === "token") return false;
  // A script calling the API with no cookie carries no ambient authority to abuse.
  if (request.url.startsWith("/api/") && !request.session) return false;
  return true;
}

/** Whether `given` is the token this request's session (or anonymous cookie) expects. */
export function csrfMatches(request: FastifyRequest, given: unknown): boolean {
  const expected = request.session?.csrf ?? readCookie(request, "t4m_csrf");
  return Boolean(expected) && typeof given === "string" && sameToken(expected as string, given);
}
