import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { messages } from "../i18n/catalogue.js";
import type { Lang } from "../i18n/lang.js";
import type { AdminNavEntry, NavEntry } from "../module.js";
import { Page, type PageContext } from "../ui/context.js";
import { type FeedLink, Layout } from "../ui/layout.js";
import { csrfToken } from "./auth.js";
import { encodedBody, type PageCache } from "./page-cache.js";

export interface PageContent {
  title: string;
  description?: string;
  body: ComponentChildren;
}

export interface PageOptions {
  status?: number;
  /** Whether anonymous visitors may get this page from the page cache (default: true for 200). */
  cache?: boolean;
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
 * path is the home page's and the language links lead to each language's home.
 */
export function pageContext(request: FastifyRequest, lang: Lang, csrf = "", origin = ""): PageContext {
  const url = pageUrl(request, lang);
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const inPrefix = pathname === `/${lang}` || pathname.startsWith(`/${lang}/`);
  const path = (inPrefix && pathname.slice(lang.length + 1)) || "/";
  const search = inPrefix && queryAt !== -1 ? url.slice(queryAt) : "";
  return { lang, t: messages(lang), path, search, actor: request.actor, csrf, origin };
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
 * The rendering function only runs on a cache miss.
 */
export class PageRenderer {
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
    const key = `${lang}|${request.url}`;
    // Only what every anonymous visitor sees alike is cached; a signed-in page is personal.
    const anonymous = request.actor.kind === "public";
    const cacheable = options.cache !== false && (options.status ?? 200) === 200 && this.cache.enabled && anonymous;
    let page = cacheable ? this.cache.get(key) : undefined;
    if (!page) {
      const context = pageContext(request, lang, cacheable ? "" : csrfToken(request, reply), this.origin);
      const html = renderDocument(context, this, await render(context));
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
