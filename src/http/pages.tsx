import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { messages } from "../i18n/catalogue.js";
import { isLang, type Lang } from "../i18n/lang.js";
import type { AdminNavEntry, NavEntry } from "../module.js";
import { Page, type PageContext } from "../ui/context.js";
import { type FeedLink, Layout } from "../ui/layout.js";
import { csrfToken } from "./auth.js";
import { type CachedPage, encodedBody, type PageCache, pageKey } from "./page-cache.js";

export interface PageContent {
  title: string;
  description?: string;
  /** Extras for the page's `<head>`: Open Graph tags, JSON-LD (see src/ui/structured-data.tsx). */
  head?: ComponentChildren;
  body: ComponentChildren;
}

export interface PageOptions {
  status?: number;
  /** Whether anonymous visitors may get this page from the page cache (default: true for 200). */
  cache?: boolean;
  /**
   * The query parameters the page's content depends on (default: none). The cache keeps one
   * page per combination of their values; any other parameter is ignored, and so it is left out
   * of the cached page's own links too.
   */
  query?: readonly string[];
}

/**
 * The address a page stands for. A form posted back with a mistake is rendered at its action's
 * address, which only accepts POST: its language links and alternates would lead nowhere, so they
 * point at the page the form was on (the Referer, when it is ours and in the same language).
 */
function pageUrl(request: FastifyRequest, lang: Lang): string {
  if (request.method === "GET" || request.method === "HEAD") return request.url;
  const referer = request.headers.referer;
  if (!referer) return request.url;
  try {
    const from = new URL(referer);
    const ours = new URL(`${request.protocol}://${request.host}`);
    if (from.host === ours.host && from.pathname.startsWith(`/${lang}/`)) return `${from.pathname}${from.search}`;
  } catch {
    // not a URL: keep the request's own address
  }
  return request.url;
}

/**
 * The page context of a request. Under `/{lang}/…` the path is what follows the prefix; outside
 * one (a 404 for `/robots-nope.txt`, `/xyz`) there is no page to offer in another language, so the
 * path is the home page's and the language links lead to each language's home. `search` replaces
 * the request's query in the page's links (a cached page shows only the parameters it reads).
 */
export function pageContext(request: FastifyRequest, lang: Lang, csrf = "", origin = "", search?: string): PageContext {
  const url = pageUrl(request, lang);
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const inPrefix = pathname === `/${lang}` || pathname.startsWith(`/${lang}/`);
  const path = (inPrefix && pathname.slice(lang.length + 1)) || "/";
  const shown = inPrefix ? (search ?? (queryAt !== -1 ? url.slice(queryAt) : "")) : "";
  return { lang, t: messages(lang), path, search: shown, actor: request.actor, csrf, origin };
}

/** What the layout adds around every page: the platform's address and the feeds pages carry. */
export interface SiteFrame {
  nav: NavEntry[];
  adminNav?: AdminNavEntry[];
  /** The feeds each page (by its path after `/{lang}`) announces and links to. */
  feedsOn?: ReadonlyMap<string, FeedLink[]>;
}

export function renderDocument(context: PageContext, frame: SiteFrame, content: PageContent): string {
  return `<!doctype html>${renderToString(
    <Page.Provider value={context}>
      <Layout
        title={content.title}
        description={content.description}
        head={content.head}
        nav={frame.nav}
        adminNav={frame.adminNav}
        feeds={frame.feedsOn?.get(context.path)}
      >
        {content.body}
      </Layout>
    </Page.Provider>,
  )}`;
}

/**
 * Renders pages inside the layout and sends them; public 200 pages go through the page cache.
 * The rendering function only runs on a cache miss; and once a route has put a page in the
 * cache, a later request for it is answered before the route runs at all (`answerFromCache`, a
 * preHandler hook), so a cache hit costs neither the route's own parsing nor its rendering.
 * A route whose cacheable pages need anything else done per request (a header, a count) must
 * therefore send them with `cache: false`.
 */
export class PageRenderer {
  /** Per route pattern, the query parameters its cached pages are keyed on (as its `send` said). */
  private readonly cachedRoutes = new Map<string, readonly string[]>();

  constructor(
    readonly nav: NavEntry[],
    readonly cache: PageCache,
    readonly adminNav: AdminNavEntry[] = [],
    /** Where the platform is reached (`publicOrigin(config)`), for the absolute `hreflang` alternates. */
    readonly origin = "",
    readonly feedsOn: ReadonlyMap<string, FeedLink[]> = new Map(),
  ) {}

  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    render: (context: PageContext) => PageContent | Promise<PageContent>,
    options: PageOptions = {},
  ): Promise<FastifyReply> {
    // Only what every anonymous visitor sees alike is cached: a signed-in page is personal, and
    // the page answering a form that was posted shows what that visitor sent.
    const anonymous = request.actor.kind === "public";
    const read = request.method === "GET" || request.method === "HEAD";
    const cacheable = read && options.cache !== false && (options.status ?? 200) === 200 && this.cache.enabled && anonymous;
    const query = options.query ?? [];
    const { key, search } = cacheable ? pageKey(lang, request.url, request.query, query) : { key: "", search: undefined };
    let page = cacheable ? this.cache.get(key) : undefined;
    if (!page) {
      const context = pageContext(request, lang, cacheable ? "" : csrfToken(request, reply), this.origin, search);
      const html = renderDocument(context, this, await render(context));
      if (cacheable) {
        page = this.cache.set(key, options.status ?? 200, html);
        if (request.routeOptions.url !== undefined) this.cachedRoutes.set(request.routeOptions.url, query);
      } else {
        page = { status: options.status ?? 200, html, etag: "", expires: 0 };
      }
    }
    return respond(request, reply, page, cacheable, anonymous);
  }

  /**
   * The page cache's answer to an anonymous GET or HEAD, before its route runs: only for a route
   * that has cached pages, keyed as that route's `send` keys them, and only for a page there and
   * fresh. A page under a key was stored by a request with the same path and the same values of
   * the parameters the page reads, which its route answered with 200: running the route again
   * would give the same page. Returns undefined to let the route run.
   */
  answerFromCache(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined {
    if ((request.method !== "GET" && request.method !== "HEAD") || request.actor.kind !== "public") return undefined;
    const query = request.routeOptions.url === undefined ? undefined : this.cachedRoutes.get(request.routeOptions.url);
    if (query === undefined || !this.cache.enabled) return undefined;
    const lang = request.url.slice(1, request.url.indexOf("/", 1));
    if (!isLang(lang)) return undefined;
    // A miss is counted once, by `send`, when the route runs.
    const page = this.cache.get(pageKey(lang, request.url, request.query, query).key, Date.now(), false);
    return page && respond(request, reply, page, true, true);
  }

  /**
   * When a request failed because the database cannot be reached: the last page the cache held
   * for it, however old (stale-if-error), sent with its `Age`; undefined when there is none (only
   * for anonymous GET and HEAD of a route whose pages are cached, keyed as `send` keys them).
   */
  answerStale(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined {
    if ((request.method !== "GET" && request.method !== "HEAD") || request.actor?.kind !== "public") return undefined;
    const query = request.routeOptions.url === undefined ? undefined : this.cachedRoutes.get(request.routeOptions.url);
    if (query === undefined || !this.cache.enabled) return undefined;
    const lang = request.url.slice(1, request.url.indexOf("/", 1));
    if (!isLang(lang)) return undefined;
    const page = this.cache.stale(pageKey(lang, request.url, request.query, query).key);
    if (!page) return undefined;
    reply.header("Age", String(Math.max(0, Math.floor((Date.now() - (page.created ?? Date.now())) / 1000))));
    return respond(request, reply, page, true, true);
  }
}

/** Sends a page with its caching headers, as 304 when the client has it, compressed as it accepts. */
async function respond(request: FastifyRequest, reply: FastifyReply, page: CachedPage, cacheable: boolean, anonymous: boolean): Promise<FastifyReply> {
  reply.code(page.status).type("text/html; charset=utf-8").header("Vary", cacheable ? "Accept-Encoding" : "Accept-Encoding, Cookie");
  reply.header("Cache-Control", cacheable ? "public, max-age=0, must-revalidate" : anonymous ? "no-store" : "private, no-store");
  if (page.etag) {
    reply.header("ETag", page.etag);
    if (request.headers["if-none-match"] === page.etag) return reply.code(304).send();
  }
  const { encoding, body } = await encodedBody(page, request.headers["accept-encoding"]);
  if (encoding) reply.header("Content-Encoding", encoding);
  return reply.send(body);
}
