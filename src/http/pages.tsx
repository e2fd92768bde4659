import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { messages } from "../i18n/catalogue.js";
import type { Lang } from "../i18n/lang.js";
import type { AdminNavEntry, NavEntry } from "../module.js";
import { Page, type PageContext } from "../ui/context.js";
import { Layout } from "../ui/layout.js";
import { csrfToken } from "./auth.js";
import { encodedBody, type PageCache, pageKey } from "./page-cache.js";

export interface PageContent {
  title: string;
  description?: string;
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

/** The page context of a request to `/{lang}/…`. */
export function pageContext(request: FastifyRequest, lang: Lang, csrf = "", search?: string): PageContext {
  const url = pageUrl(request, lang);
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const path = pathname.slice(lang.length + 1) || "/";
  return { lang, t: messages(lang), path, search: search ?? (queryAt === -1 ? "" : url.slice(queryAt)), actor: request.actor, csrf };
}

export function renderDocument(context: PageContext, nav: NavEntry[], content: PageContent, adminNav: AdminNavEntry[] = []): string {
  return `<!doctype html>${renderToString(
    <Page.Provider value={context}>
      <Layout title={content.title} description={content.description} nav={nav} adminNav={adminNav}>
        {content.body}
      </Layout>
    </Page.Provider>,
  )}`;
}

/**
 * Renders pages inside the layout and sends them; public 200 pages go through the page cache.
 * The rendering function only runs on a cache miss.
 */
export class PageRenderer {
  constructor(
    readonly nav: NavEntry[],
    readonly cache: PageCache,
    readonly adminNav: AdminNavEntry[] = [],
  ) {}

  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    render: (context: PageContext) => PageContent | Promise<PageContent>,
    options: PageOptions = {},
  ): Promise<FastifyReply> {
    // Only what every anonymous visitor sees alike is cached; a signed-in page is personal.
    const anonymous = request.actor.kind === "public";
    const cacheable = options.cache !== false && (options.status ?? 200) === 200 && this.cache.enabled && anonymous;
    const { key, search } = cacheable ? pageKey(lang, request.url, request.query, options.query ?? []) : { key: "", search: undefined };
    let page = cacheable ? this.cache.get(key) : undefined;
    if (!page) {
      const context = pageContext(request, lang, cacheable ? "" : csrfToken(request, reply), search);
      const html = renderDocument(context, this.nav, await render(context), this.adminNav);
      page = cacheable
        ? this.cache.set(key, options.status ?? 200, html)
        : { status: options.status ?? 200, html, etag: "", expires: 0 };
    }
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
}
