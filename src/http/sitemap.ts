import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { LANGS, type Lang } from "../i18n/lang.js";
import type { App, AppContext, PlatformModule, SitemapEntry } from "../module.js";
import { notFound } from "../errors.js";

/** The most URLs one sitemap file may hold (sitemaps.org); beyond it, `/sitemap.xml` is an index. */
export const SITEMAP_LIMIT = 50_000;

const xml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string);

/** A W3C date or date-time, as sitemaps take it; anything else is left out rather than sent. */
const W3C_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Every module's public pages, one module after another, as each produces them. */
export async function* sitemapEntries(modules: readonly PlatformModule[], ctx: AppContext): AsyncGenerator<SitemapEntry> {
  for (const module of modules) {
    if (!module.sitemap) continue;
    for await (const entry of await module.sitemap(ctx)) yield entry;
  }
}

const langsOf = (entry: SitemapEntry): readonly Lang[] => (entry.langs?.length ? entry.langs : LANGS);

/** The address of a page in a language; the home page is `/{lang}/`. */
const pageUrl = (origin: string, lang: Lang, path: string) => `${origin}/${lang}${path}`;

/** One `<url>` per language of the entry, each naming all of them: `take` of them, after the first `skip`. */
function urlElements(origin: string, entry: SitemapEntry, skip: number, take: number): string {
  const langs = langsOf(entry);
  const alternates = langs.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xml(pageUrl(origin, l, entry.path))}"/>`);
  // The language a visitor with none of these gets: the root negotiates for the home page.
  const fallback = entry.path === "/" ? `${origin}/` : pageUrl(origin, langs.includes("en") ? "en" : (langs[0] as Lang), entry.path);
  alternates.push(`<xhtml:link rel="alternate" hreflang="x-default" href="${xml(fallback)}"/>`);
  const lastmod = entry.lastmod && W3C_DATE.test(entry.lastmod) ? `<lastmod>${entry.lastmod}</lastmod>` : "";
  return langs
    .slice(skip, skip + take)
    .map((l) => `<url><loc>${xml(pageUrl(origin, l, entry.path))}</loc>${lastmod}${alternates.join("")}</url>\n`)
    .join("");
}

/** How many URLs (pages × languages) the entries make. */
export async function countUrls(entries: AsyncIterable<SitemapEntry>): Promise<number> {
  let count = 0;
  for await (const entry of entries) count += langsOf(entry).length;
  return count;
}

/**
 * A `<urlset>` of the URLs numbered `from` to `from + limit - 1` (from 0, in the modules' order),
 * written as the entries arrive, in chunks of about 16 KB: memory stays flat however many pages.
 */
export async function* urlset(entries: AsyncIterable<SitemapEntry>, origin: string, from = 0, limit = SITEMAP_LIMIT): AsyncGenerator<string> {
  let chunk =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
  let seen = 0;
  const end = from + limit;
  for await (const entry of entries) {
    const count = langsOf(entry).length;
    if (seen + count > from && seen < end) {
      const skip = Math.max(0, from - seen);
      chunk += urlElements(origin, entry, skip, Math.min(count - skip, end - seen - skip));
      if (chunk.length > 16_384) {
        yield chunk;
        chunk = "";
      }
    }
    seen += count;
    if (seen >= end) break;
  }
  yield `${chunk}</urlset>\n`;
}

/** A sitemap index naming the parts `/sitemap-1.xml` … `/sitemap-{parts}.xml`. */
export function sitemapIndex(origin: string, parts: number): string {
  const items = Array.from({ length: parts }, (_, i) => `<sitemap><loc>${xml(`${origin}/sitemap-${i + 1}.xml`)}</loc></sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("")}</sitemapindex>\n`;
}

/** What crawlers may visit: everything but the back office and the audit trail; where the sitemap is. */
export function robotsTxt(origin: string): string {
  const lines = ["User-agent: *", "Allow: /", ...LANGS.map((l) => `Disallow: /${l}/admin`), "Disallow: /api/v1/audit", "", `Sitemap: ${origin}/sitemap.xml`];
  return `${lines.join("\n")}\n`;
}

/**
 * `/sitemap.xml`, `/sitemap-{n}.xml` and `/robots.txt`. The sitemap lists every module's public
 * pages in every language, each with its alternates. Up to `SITEMAP_LIMIT` URLs it is one file;
 * past that, `/sitemap.xml` becomes an index of parts of `limit` URLs each. Either way the entries are
 * read twice (once to count them, once to write the part), streamed, never held in memory.
 */
export function registerSitemap(app: App, ctx: AppContext, modules: readonly PlatformModule[], origin: string, limit = SITEMAP_LIMIT) {
  const entries = () => sitemapEntries(modules, ctx);
  const xmlReply = (reply: FastifyReply) =>
    // Crawlers come seldom; an hour's staleness costs nothing and spares the database.
    reply.type("application/xml; charset=utf-8").header("Cache-Control", "public, max-age=3600");

  app.get("/sitemap.xml", { schema: { hide: true } }, async (_request, reply) => {
    const total = await countUrls(entries());
    xmlReply(reply);
    if (total > limit) return reply.send(sitemapIndex(origin, Math.ceil(total / limit)));
    return reply.send(Readable.from(urlset(entries(), origin, 0, limit)));
  });

  app.get(
    "/sitemap-:part.xml",
    { schema: { hide: true, params: z.object({ part: z.coerce.number().int().min(1).max(100_000) }) } },
    async (request, reply) => {
      const total = await countUrls(entries());
      const { part } = request.params;
      if (part > Math.max(1, Math.ceil(total / limit))) throw notFound();
      return xmlReply(reply).send(Readable.from(urlset(entries(), origin, (part - 1) * limit, limit)));
    },
  );

  app.get("/robots.txt", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/plain; charset=utf-8").header("Cache-Control", "public, max-age=3600").send(robotsTxt(origin)),
  );
}
