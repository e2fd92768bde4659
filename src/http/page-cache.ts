import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Rendered public pages, kept in memory for a short time and compressed once: a page seen by
 * many anonymous visitors is rendered and compressed once per `ttlSeconds`, not per request.
 * Any write to the database clears it (`clear()`), so nobody reads a stale page after a change.
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
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxEntries = 2000,
  ) {}

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (page.expires <= now) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  set(key: string, status: number, html: string, now = Date.now()): CachedPage {
    const page: CachedPage = { status, html, etag: etagOf(html), expires: now + this.ttlSeconds * 1000 };
    if (!this.enabled) return page;
    if (this.pages.size >= this.maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    this.pages.set(key, page);
    return page;
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}

export function etagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

/** The compressed body for the client's Accept-Encoding, compressed on first need and kept. */
export async function encodedBody(
  page: CachedPage,
  acceptEncoding: string | undefined,
): Promise<{ encoding?: "br" | "gzip"; body: string | Buffer }> {
  const accepts = (name: string) => acceptEncoding !== undefined && new RegExp(`(^|[,\\s])${name}(;q=(?!0(\\.0*)?(\\s|,|$))|\\s*(,|$))`).test(acceptEncoding);
  if (accepts("br")) {
    page.br ??= await brotli(page.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
    return { encoding: "br", body: page.br };
  }
  if (accepts("gzip")) {
    page.gzip ??= await gz(page.html, { level: 9 });
    return { encoding: "gzip", body: page.gzip };
  }
  page.raw ??= Buffer.from(page.html);
  return { body: page.raw };
}
