import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { LRUCache } from "lru-cache";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Rendered public pages, kept in memory for a short time and compressed once: a page seen by
 * many anonymous visitors is rendered and compressed once per `ttlSeconds`, not per request.
 * Any write to the database clears it (`clear()`), so nobody reads a stale page after a change.
 *
 * Bounded by entries and by bytes, least recently used out first: a flood of addresses nobody
 * else asks for (junk query strings, every page of every filter) pushes out other rarely read
 * pages, never the ones visitors keep reading.
 *
 * A page that expires or is cleared is not thrown away at once: it moves to a second store, as
 * bounded as the first, of stale pages. Those are never served while the database answers; only
 * when rendering fails because the database cannot be reached (stale-if-error, `stale()`), so
 * readers of public pages still get them, with their `Age`, during an outage.
 */
export interface CachedPage {
  status: number;
  html: string;
  etag: string;
  /** The page as UTF-8 bytes, encoded once. */
  raw?: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  expires: number;
  /** When it was rendered (ms since the epoch), for the `Age` of a stale answer. */
  created?: number;
}

export interface PageCacheLimits {
  /** Pages kept at most (default 2000). */
  maxEntries?: number;
  /** Bytes kept at most, as `sizeOf` counts them (default 64 MiB). */
  maxBytes?: number;
}

/**
 * What a page may come to hold in memory: its text (V8 keeps a string at one or two bytes a
 * character) and its bytes in up to three encodings, which together never exceed twice the
 * plain bytes (the compressed forms are each far smaller than the page). Counted once, when the
 * page is stored, so that compressing later needs no bookkeeping.
 */
export const sizeOf = (html: string): number => 2 * html.length + 2 * Buffer.byteLength(html);

export class PageCache {
  private readonly pages: LRUCache<string, CachedPage>;
  /** Pages past their freshness or cleared by a change, kept for when the database is down. */
  private readonly stalePages: LRUCache<string, CachedPage>;
  /** Lookups answered from memory, and lookups that had to render (for `/metrics`). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly ttlSeconds: number,
    limits: PageCacheLimits = {},
  ) {
    const maxBytes = limits.maxBytes ?? 64 * 1024 * 1024;
    const options = { max: limits.maxEntries ?? 2000, maxSize: maxBytes, maxEntrySize: maxBytes, sizeCalculation: (page: CachedPage) => sizeOf(page.html) };
    this.pages = new LRUCache(options);
    this.stalePages = new LRUCache(options);
  }

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  /**
   * The page stored under `key`, if still fresh; reading it makes it the most recently used.
   * Counted as a hit or a miss (`countMiss: false` for a look that another will follow on a miss).
   */
  get(key: string, now = Date.now(), countMiss = true): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page && page.expires > now) {
      this.hits++;
      return page;
    }
    if (page) {
      this.pages.delete(key);
      this.stalePages.set(key, page);
    }
    if (countMiss) this.misses++;
    return undefined;
  }

  set(key: string, status: number, html: string, now = Date.now()): CachedPage {
    const page: CachedPage = { status, html, etag: etagOf(html), expires: now + this.ttlSeconds * 1000, created: now };
    // A page larger than the whole budget is served but not kept (lru-cache refuses it).
    if (this.enabled) this.pages.set(key, page);
    return page;
  }

  /** Makes every page stale: none is served again while the database answers. */
  clear(): void {
    for (const [key, page] of this.pages.entries()) this.stalePages.set(key, page);
    this.pages.clear();
  }

  /**
   * The last page rendered under `key`, fresh or not, for when it cannot be rendered again
   * because the database is down. Counted neither as a hit nor as a miss.
   */
  stale(key: string): CachedPage | undefined {
    return this.pages.get(key) ?? this.stalePages.get(key);
  }

  /** Stale pages kept (for `/metrics` and tests). */
  get staleSize(): number {
    return this.stalePages.size;
  }

  get size(): number {
    return this.pages.size;
  }

  /** Bytes held, as `sizeOf` counts them. */
  get bytes(): number {
    return this.pages.calculatedSize;
  }
}

/**
 * The cache key of a page: its language, its path (percent-escapes decoded, except those of
 * characters that delimit a URL such as `%2F`, so `/en/members/%55Y` and `/en/members/UY` are
 * one page) and, of the query, only the parameters the page reads, sorted by name, empty ones
 * left out: `?junk=1`, `?b=2&a=1` and `?a=1&b=2&utm_source=x` land on the entry of the page
 * they show. Also returns that normalized query (`?a=1&b=2`, or ""), which is what a cached page
 * may show in its links: never what one visitor happened to add.
 */
export function pageKey(lang: string, url: string, query: unknown, names: readonly string[]): { key: string; search: string } {
  const queryAt = url.indexOf("?");
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (path.includes("%")) {
    try {
      path = decodeURI(path);
    } catch {
      // a malformed escape: keep the path as it came
    }
  }
  const search = names.length === 0 ? "" : normalizedQuery(query, names);
  return { key: `${lang}|${path}${search}`, search };
}

function normalizedQuery(query: unknown, names: readonly string[]): string {
  if (!query || typeof query !== "object") return "";
  const given = query as Record<string, unknown>;
  // Most requests carry none of them: answer those without sorting or building anything.
  const present: string[] = [];
  for (const name of names) if (Object.hasOwn(given, name)) present.push(name);
  if (present.length === 0) return "";
  const params = new URLSearchParams();
  for (const name of present.sort()) {
    const value = given[name];
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one === "string" && one !== "") params.append(name, one);
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

/** Whether an Accept-Encoding header accepts a coding: named, and not with `q=0`. Built once. */
const accepting = (name: string) => new RegExp(`(^|[,\\s])${name}(;q=(?!0(\\.0*)?(\\s|,|$))|\\s*(,|$))`);
const ACCEPTS_BR = accepting("br");
const ACCEPTS_GZIP = accepting("gzip");

/** The compressed body for the client's Accept-Encoding, compressed on first need and kept. */
export async function encodedBody(
  page: CachedPage,
  acceptEncoding: string | undefined,
): Promise<{ encoding?: "br" | "gzip"; body: string | Buffer }> {
  if (acceptEncoding !== undefined && ACCEPTS_BR.test(acceptEncoding)) {
    page.br ??= await brotli(page.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
    return { encoding: "br", body: page.br };
  }
  if (acceptEncoding !== undefined && ACCEPTS_GZIP.test(acceptEncoding)) {
    page.gzip ??= await gz(page.html, { level: 9 });
    return { encoding: "gzip", body: page.gzip };
  }
  page.raw ??= Buffer.from(page.html);
  return { body: page.raw };
}
