import { randomBytes } from "node:crypto";
import type { FastifyReply } from "fastify";
import type { App } from "../module.js";

declare module "fastify" {
  interface FastifyReply {
    /** This response's CSP nonce, for the rare inline script a page may need (made on first read). */
    readonly cspNonce: string;
  }
}

/**
 * Security headers on every response. Written here rather than through @fastify/helmet: with
 * per-response nonces helmet re-parses its whole policy on every request, which `npm run bench`
 * measured as the largest cost of serving a cached page. The headers are built once.
 *
 * The CSP nonce is made only for a response that asks for one (`reply.cspNonce`): no page ships
 * a script today, and drawing 16 random bytes for every response was the next largest cost of
 * serving a cached page. A response that reads `reply.cspNonce` gets a policy allowing scripts
 * with that nonce; every other response allows scripts from our own origin only. A page that uses
 * a nonce must not be cached (`cache: false`): its nonce would be replayed to every visitor.
 */
const policy = (nonce?: string) =>
  "default-src 'self'; " +
  `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ""}; ` +
  "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** In lower case, as Fastify keeps (and sends) header names: each is then stored as it is. */
const STATIC_HEADERS: Record<string, string> = {
  "content-security-policy": policy(),
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "x-dns-prefetch-control": "off",
  "x-permitted-cross-domain-policies": "none",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

const NONCE = Symbol("cspNonce");

export function registerSecurityHeaders(app: App) {
  app.decorateReply("cspNonce", {
    getter(this: FastifyReply & { [NONCE]?: string }) {
      if (this[NONCE] === undefined) {
        this[NONCE] = randomBytes(16).toString("base64");
        this.header("content-security-policy", policy(this[NONCE]));
      }
      return this[NONCE];
    },
  });
  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(STATIC_HEADERS);
    // HSTS only means something over TLS (behind a proxy when TRUST_PROXY is set).
    if (request.protocol === "https") reply.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    done();
  });
}
