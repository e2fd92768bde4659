import compress from "@fastify/compress";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { type Config, publicOrigin } from "./config.js";
import type { Database } from "./db/connect.js";
import { registerAuth } from "./http/auth.js";
import { ChangeListener } from "./http/change-listener.js";
import { escapeUndecodable } from "./http/bad-urls.js";
import { registerErrorHandling } from "./http/error-handler.js";
import { feedLinksByPage, gatherFeeds, registerFeeds } from "./http/feeds.js";
import { postgresRateLimitStore } from "./http/rate-limit-store.js";
import { RequestLog, withRedaction } from "./http/request-log.js";
import { healthRoutes } from "./http/health.js";
import { registerMetrics } from "./http/metrics.js";
import { registerSecurityHeaders } from "./http/security.js";
import { SessionMemory } from "./http/session-memory.js";
import { PageCache } from "./http/page-cache.js";
import { PageRenderer } from "./http/pages.js";
import { registerSitemap } from "./http/sitemap.js";
import { registerUploads } from "./http/uploads.js";
import type { App } from "./module.js";
import { resolveApiToken, resolveSession } from "./modules/accounts/service.js";
import { modules } from "./modules/index.js";
import { type Asset, assetByName, assetByUrl } from "./ui/assets.js";

declare module "fastify" {
  interface FastifyInstance {
    pages: PageRenderer;
    /** The LISTEN connection that clears the page cache (absent when the cache is off). */
    changeListener?: ChangeListener;
  }
}

export interface BuildOptions {
  config: Config;
  database: Pick<Database, "db" | "pool" | "url">;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the whole platform: shared plugins, then every module's routes. */
export async function buildApp({ config, database, logger }: BuildOptions): Promise<App> {
  const app = Fastify({
    // The request log never shows a secret: tokens in URLs are redacted, headers never logged.
    logger: withRedaction(logger ?? { level: config.LOG_LEVEL }),
    // At info, one line per failed or slow request rather than two per request (README, Benchmarks).
    logController: new RequestLog(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A parameter's length is the route's to judge (zod), not the router's: past its
    // maxParamLength the router answers a bare JSON 414 of its own. URLs stay bounded by Node's
    // header size limit (16 KB).
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 16_384 },
    rewriteUrl: (request) => escapeUndecodable(request.url ?? "/"),
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerSecurityHeaders(app);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // Limits are per route (`config.rateLimit`): public forms opt in; reading pages is never limited.
  // The counters live in PostgreSQL, so every app node counts against the same limit.
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(database.db) });
  const sessions = new SessionMemory<Awaited<ReturnType<typeof resolveSession>>>(Math.min(10, config.SESSION_IDLE_MINUTES) * 60 * 1000);
  await registerAuth(app, {
    // While the database is down, a session checked lately on this node stays valid (forms keep input).
    session: (secret) => sessions.resolve(secret, (s) => resolveSession(database.db, config, s)),
    token: (token) => resolveApiToken(database.db, token),
  });
  // A GET or HEAD has no body to decompress: spare it @fastify/compress's preParsing hook
  // (measured at about 2 % of the CPU of serving a cached page). Added before the plugin so
  // that its own onRoute hook sees the option.
  app.addHook("onRoute", (route) => {
    if ([route.method].flat().every((m) => m === "GET" || m === "HEAD")) route.decompress ??= false;
  });
  await app.register(compress, { threshold: 1024, encodings: ["br", "gzip"] });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Trade4MSMEs API",
        version: "1",
        description: "Open data of the WTO Informal Working Group on MSMEs: members, and more as the platform grows.",
      },
    },
    transform: jsonSchemaTransform,
  });

  const nav = modules.flatMap((m) => m.nav ?? []);
  const adminNav = modules.flatMap((m) => m.admin?.nav ?? []);
  const origin = publicOrigin(config);
  const feeds = gatherFeeds(modules);
  const pages = new PageRenderer(nav, new PageCache(config.PAGE_CACHE_SECONDS), adminNav, origin, feedLinksByPage(feeds));
  app.decorate("pages", pages);
  // A public page already in the cache is sent before its route runs (after auth and validation).
  app.addHook("preHandler", (request, reply, done) => {
    const answer = pages.answerFromCache(request, reply);
    if (answer) answer.catch(done);
    else done();
  });
  registerErrorHandling(app, pages);

  const sendAsset = (request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) => {
    reply.type(asset.type).header("Cache-Control", cacheControl).header("Vary", "Accept-Encoding");
    const accept = request.headers["accept-encoding"] ?? "";
    if (/\bbr\b/.test(accept)) return reply.header("Content-Encoding", "br").send(asset.br);
    if (/\bgzip\b/.test(accept)) return reply.header("Content-Encoding", "gzip").send(asset.gzip);
    return reply.send(asset.body);
  };
  app.get("/assets/*", { schema: { hide: true } }, async (request, reply) => {
    const asset = assetByUrl(request.url.split("?")[0] ?? "");
    if (!asset) return reply.callNotFound();
    return sendAsset(request, reply, asset, "public, max-age=31536000, immutable");
  });
  // Where browsers and tools look for an icon without reading a page; the pages link the SVG one.
  // The address carries no hash, so a week rather than a year.
  app.get("/favicon.ico", { schema: { hide: true } }, async (request, reply) => sendAsset(request, reply, assetByName("favicon.ico"), "public, max-age=604800"));
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, database.db, database.pool);
  const tasks = modules.flatMap((m) => Object.keys(m.tasks ?? {}));
  registerMetrics(app, { token: config.METRICS_TOKEN, db: database.db, cache: pages.cache, tasks });

  // Routes that take a file live in `app.uploads`, a scope of their own with @fastify/multipart:
  // no other request pays for its hooks. Registered after every shared hook, which it inherits.
  await registerUploads(app, config);

  const ctx = { config, db: database.db, modules };
  registerSitemap(app, ctx, modules, origin);
  registerFeeds(app, ctx, feeds, origin);
  for (const module of modules) await module.routes?.(app, ctx);

  // Another process (the CLI, another app node) changed data: drop rendered pages. The listener
  // reconnects on its own when the database goes away, and clears the cache each time it is back.
  if (pages.cache.enabled) {
    const listener = new ChangeListener({ url: database.url, channel: "t4m_changes", onChange: () => pages.cache.clear(), log: app.log });
    app.decorate("changeListener", listener);
    app.addHook("onReady", () => listener.start());
    app.addHook("onClose", () => listener.stop());
  }
  return app;
}
