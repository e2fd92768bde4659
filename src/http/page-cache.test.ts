import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodedBody, PageCache } from "./page-cache.js";

describe("PageCache", () => {
  it("serves a page until it expires", () => {
    const cache = new PageCache(60);
    cache.set("en|/x", 200, "<p>x</p>", 1000);
    expect(cache.get("en|/x", 1000 + 59_000)?.html).toBe("<p>x</p>");
    expect(cache.get("en|/x", 1000 + 60_000)).toBeUndefined();
  });

  it("keeps nothing when disabled", () => {
    const cache = new PageCache(0);
    cache.set("k", 200, "body");
    expect(cache.get("k")).toBeUndefined();
  });

  it("drops the oldest page when full", () => {
    const cache = new PageCache(60, 2);
    cache.set("a", 200, "a");
    cache.set("b", 200, "b");
    cache.set("c", 200, "c");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("c")?.html).toBe("c");
  });

  it("gives each body its own etag", () => {
    const cache = new PageCache(60);
    expect(cache.set("a", 200, "one").etag).not.toBe(cache.set("b", 200, "two").etag);
  });
});

describe("encodedBody", () => {
  const page = () => new PageCache(60).set("k", 200, "<p>héllo</p>".repeat(50));

  it("prefers brotli, then gzip, and the bytes decode to the page", async () => {
    const br = await encodedBody(page(), "gzip, deflate, br");
    expect(br.encoding).toBe("br");
    expect(brotliDecompressSync(br.body as Buffer).toString()).toBe("<p>héllo</p>".repeat(50));
    const gz = await encodedBody(page(), "gzip");
    expect(gz.encoding).toBe("gzip");
    expect(gunzipSync(gz.body as Buffer).toString()).toBe("<p>héllo</p>".repeat(50));
  });

  it("sends plain text when the client refuses compression", async () => {
    expect((await encodedBody(page(), undefined)).encoding).toBeUndefined();
    expect((await encodedBody(page(), "br;q=0, gzip;q=0")).encoding).toBeUndefined();
    expect((await encodedBody(page(), "identity")).encoding).toBeUndefined();
  });
});
