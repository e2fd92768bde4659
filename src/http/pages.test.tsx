import cookie from "@fastify/cookie";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { PUBLIC } from "../actor.js";
import type { Lang } from "../i18n/lang.js";
import type { App } from "../module.js";
import { PageCache } from "./page-cache.js";
import { PageRenderer } from "./pages.js";

/**
 * A bare server with the page renderer and its preHandler, and a list page reading `q`: each run
 * of its route is counted, so a test sees whether a request reached it.
 */
async function server() {
  const app = Fastify() as unknown as App;
  const pages = new PageRenderer([], new PageCache(60));
  const runs: string[] = [];
  await app.register(cookie);
  app.decorateRequest("actor", null as never);
  app.addHook("onRequest", async (request: FastifyRequest) => {
    request.actor = request.headers["x-user"] ? { kind: "user", id: 1, email: "a@b.c", name: "A", role: "editor", grants: [], via: "session" } : PUBLIC;
    request.session = null;
  });
  app.addHook("preHandler", (request, reply, done) => {
    const answer = pages.answerFromCache(request, reply);
    if (answer) answer.catch(done);
    else done();
  });
  app.get("/:lang/list", async (request: FastifyRequest, reply: FastifyReply) => {
    const { lang } = request.params as { lang: Lang };
    runs.push(request.url);
    const q = (request.query as { q?: string }).q ?? "";
    return pages.send(request, reply, lang, () => ({ title: "List", body: <p>found: {q}</p> }), { query: ["q"] });
  });
  await app.ready();
  return { app, pages, runs };
}

describe("PageRenderer: a cached page is answered before its route runs", () => {
  it("runs the route once per page, however the parameters it ignores vary", async () => {
    const { app, runs } = await server();
    const first = await app.inject("/en/list?q=uru");
    expect(first.body).toContain("found: uru");
    for (const url of ["/en/list?q=uru", "/en/list?q=uru&utm_source=x", "/en/list?junk=1&q=uru"]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(first.body);
      expect(res.headers.etag, url).toBe(first.headers.etag);
    }
    expect(runs).toEqual(["/en/list?q=uru"]);
    // 304 from the cache too, without the route.
    expect((await app.inject({ url: "/en/list?q=uru", headers: { "if-none-match": String(first.headers.etag) } })).statusCode).toBe(304);
    expect(runs).toHaveLength(1);
    await app.close();
  });

  it("lets the route run for another page, another language, a signed-in person, or after the cache is cleared", async () => {
    const { app, pages, runs } = await server();
    await app.inject("/en/list?q=uru");
    await app.inject("/en/list?q=arg");
    await app.inject("/fr/list?q=uru");
    const personal = await app.inject({ url: "/en/list?q=uru", headers: { "x-user": "1" } });
    expect(personal.headers["cache-control"]).toBe("private, no-store");
    pages.cache.clear();
    await app.inject("/en/list?q=uru");
    expect(runs).toEqual(["/en/list?q=uru", "/en/list?q=arg", "/fr/list?q=uru", "/en/list?q=uru", "/en/list?q=uru"]);
    await app.close();
  });

  it("counts one miss and one hit per request, whichever answers", async () => {
    const { app, pages } = await server();
    await app.inject("/en/list?q=a");
    await app.inject("/en/list?q=a");
    await app.inject("/en/list?q=b");
    expect({ hits: pages.cache.hits, misses: pages.cache.misses }).toEqual({ hits: 1, misses: 2 });
    await app.close();
  });
});
