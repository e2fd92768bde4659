import { createHash } from "node:crypto";
import { Feed } from "feed";
import { z } from "zod";
import { messages } from "../i18n/catalogue.js";
import { LANGS, type Lang } from "../i18n/lang.js";
import type { App, AppContext, FeedDefinition, FeedItem, PlatformModule } from "../module.js";
import type { FeedLink } from "../ui/layout.js";
import { notFound } from "../errors.js";

/** How many items a feed holds: the newest, whichever modules they come from. */
export const FEED_SIZE = 50;

const FEED_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A feed as the platform serves it: every module's contribution under one name. */
export interface GatheredFeed {
  name: string;
  /** Message key of the title (the first module's that declares the feed). */
  title: string;
  sources: FeedDefinition[];
  /** Paths after `/{lang}` of the pages that carry the stream, from every source. */
  shownOn: string[];
}

/**
 * The feeds the modules declare, by name. Modules naming the same feed contribute to it: the feed
 * is their items merged. A malformed name is a programming mistake and stops the start-up.
 */
export function gatherFeeds(modules: readonly PlatformModule[]): Map<string, GatheredFeed> {
  const feeds = new Map<string, GatheredFeed>();
  for (const module of modules) {
    for (const definition of module.feeds ?? []) {
      if (!FEED_NAME.test(definition.name)) throw new Error(`Module ${module.name}: feed name ${JSON.stringify(definition.name)} is not lower-case words joined by hyphens`);
      const feed = feeds.get(definition.name);
      if (!feed) {
        feeds.set(definition.name, { name: definition.name, title: definition.title, sources: [definition], shownOn: [...(definition.shownOn ?? [])] });
        continue;
      }
      feed.sources.push(definition);
      for (const path of definition.shownOn ?? []) if (!feed.shownOn.includes(path)) feed.shownOn.push(path);
    }
  }
  return feeds;
}

/** For the layout: which feeds each page (by its path after `/{lang}`) announces and links to. */
export function feedLinksByPage(feeds: ReadonlyMap<string, GatheredFeed>): Map<string, FeedLink[]> {
  const byPage = new Map<string, FeedLink[]>();
  for (const feed of feeds.values()) {
    for (const path of feed.shownOn) byPage.set(path, [...(byPage.get(path) ?? []), { name: feed.name, title: feed.title }]);
  }
  return byPage;
}

/**
 * The newest `limit` items of a feed, newest first. Each source gives at most `limit` of its own
 * newest, so the merge reads at most `limit` × sources items; on equal times the modules' order
 * (then each module's own order) decides. Items without a readable date are left out.
 */
export async function feedItems(feed: GatheredFeed, ctx: AppContext, lang: Lang, limit = FEED_SIZE): Promise<FeedItem[]> {
  const lists = await Promise.all(feed.sources.map((source) => source.items(ctx, lang, limit)));
  return lists
    .flatMap((items) => items.slice(0, limit))
    .map((item, order) => ({ item, order, time: Date.parse(item.updated) }))
    .filter((entry) => Number.isFinite(entry.time))
    .sort((a, b) => b.time - a.time || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.item);
}

/** Atom titles and summaries are sent as HTML: a name such as "R&D <lab>" must read as text. */
const asHtmlText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A `tag:` URI (RFC 4151) naming an entry for good, whatever address the page moves to. */
function entryId(origin: string, feed: string, lang: Lang, id: string): string {
  const authority = new URL(origin).hostname || "localhost";
  const specific = id.split("/").map(encodeURIComponent).join("/");
  return `tag:${authority},2026:${feed}/${lang}/${specific}`;
}

/** The feed as an Atom 1.0 document in one language, every link absolute. */
export function atomDocument(feed: GatheredFeed, items: FeedItem[], lang: Lang, origin: string): string {
  const t = messages(lang);
  const self = `${origin}/${lang}/feeds/${feed.name}.atom`;
  const atom = new Feed({
    id: self,
    title: t(feed.title),
    link: `${origin}/${lang}${feed.shownOn[0] ?? "/"}`,
    feed: self,
    language: lang,
    // An empty feed has no newest item; a fixed date keeps its answer the same from one request to the next.
    updated: new Date(items[0]?.updated ?? 0),
    generator: t("site.name"),
    // Atom asks for an author of the feed when its entries name none: the platform speaks for it.
    author: { name: t("site.name"), link: `${origin}/${lang}/` },
  });
  for (const item of items) {
    atom.addItem({
      id: entryId(origin, feed.name, lang, item.id),
      title: asHtmlText(item.title),
      link: `${origin}/${lang}${item.url}`,
      date: new Date(item.updated),
      description: item.summary === undefined ? undefined : asHtmlText(item.summary),
    });
  }
  // The `feed` package writes no language: say it on the root, for readers that choose fonts or voices by it.
  return atom.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`);
}

/** `/{lang}/feeds/{name}.atom`: each feed in each language. */
export function registerFeeds(app: App, ctx: AppContext, feeds: ReadonlyMap<string, GatheredFeed>, origin: string) {
  app.get(
    "/:lang/feeds/:name.atom",
    { schema: { hide: true, params: z.object({ lang: z.enum(LANGS), name: z.string().max(60) }) } },
    async (request, reply) => {
      const { lang, name } = request.params;
      const feed = feeds.get(name);
      if (!feed) throw notFound();
      const body = atomDocument(feed, await feedItems(feed, ctx, lang), lang, origin);
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
      // Readers poll: the same answer costs them a 304, and a change is seen at the next poll.
      reply.type("application/atom+xml; charset=utf-8").header("Cache-Control", "public, max-age=0, must-revalidate").header("ETag", etag);
      if (request.headers["if-none-match"] === etag) return reply.code(304).send();
      return reply.send(body);
    },
  );
}
