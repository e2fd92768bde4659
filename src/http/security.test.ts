import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import type { App } from "../module.js";
import { registerSecurityHeaders } from "./security.js";

/** A bare server with only the security headers, and one route that uses a nonce. */
async function server() {
  const app = Fastify() as unknown as App;
  registerSecurityHeaders(app);
  app.get("/plain", async () => "plain");
  app.get("/inline", async (_request, reply) => reply.type("text/html").send(`<script nonce="${reply.cspNonce}">1</script><script nonce="${reply.cspNonce}">2</script>`));
  await app.ready();
  return app;
}

const csp = (res: { headers: Record<string, unknown> }) => String(res.headers["content-security-policy"]);

describe("security headers", () => {
  it("allow scripts from our origin only, unless the response asks for a nonce", async () => {
    const app = await server();
    const res = await app.inject("/plain");
    expect(csp(res)).toContain("script-src 'self';");
    expect(csp(res)).not.toContain("nonce");
    expect(csp(res)).not.toContain("unsafe-inline");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    await app.close();
  });

  it("give a response that asks for a nonce a fresh one, the same throughout that response", async () => {
    const app = await server();
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await app.inject("/inline");
      const inPolicy = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})';/.exec(csp(res))?.[1];
      const inPage = [...res.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
      expect(inPolicy).toBeDefined();
      expect(inPage).toEqual([inPolicy, inPolicy]);
      nonces.push(inPolicy);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    await app.close();
  });
});
