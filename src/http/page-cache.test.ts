import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodedBody, PageCache, pageKey, sizeOf } from "./page-cache.js";

describe("PageCache", () => {
  it("serves a page until it expires", () => {
    const cache = new PageCache(60);
    cache.set("en|/x", 200, "<p>x</p>", 1000);
    expect(cache.get("en|/x", 1000 + 59_000)?.html).toBe("<p>x</p>");
    expect(cache.get("en|/x", 1000 + 60_000)).toBeUndefined();
  });

  it("keeps expired and cleared pages as stale ones, given only by stale(), within the same bounds", () => {
    const cache = new PageCache(60, { maxEntries: 2 });
    cache.set("en|/old", 200, "<p>old</p>", 1000);
    expect(cache.get("en|/old", 1000 + 60_000)).toBeUndefined();
    expect(cache.stale("en|/old")?.html).toBe("<p>old</p>");
    cache.set("en|/cleared", 200, "<p>cleared</p>", 1000);
    cache.clear();
    expect(cache.get("en|/cleared", 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.stale("en|/cleared")?.created).toBe(1000);
    cache.set("en|/third", 200, "<p>3</p>", 2000);
    cache.clear();
    expect(cache.staleSize).toBe(2);
    expect(cache.stale("en|/old"), "least recently used out first").toBeUndefined();
  });

  it("keeps nothing when disabled", () => {
    const cache = new PageCache(0);
    cache.set("k", 200, "body");
    expect(cache.get("k")).toBeUndefined();
  });

  it("drops the least recently read page when full, not the oldest", () => {
    const cache = new PageCache(60, { maxEntries: 2 });
    cache.set("a", 200, "a");
    cache.set("b", 200, "b");
    expect(cache.get("a")?.html).toBe("a"); // "a" is read again: "b" is now the least recently used
    cache.set("c", 200, "c");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.html).toBe("a");
    expect(cache.get("c")?.html).toBe("c");
  });

  it("keeps a page that is being read through a flood of addresses nobody reads twice", () => {
    const cache = new PageCache(60, { maxEntries: 100 });
    cache.set("en|/en/", 200, "<p>home</p>");
    for (let i = 0; i < 10_000; i++) {
      cache.set(`en|/en/members?q=junk${i}`, 200, `<p>${i}</p>`);
      if (i % 50 === 0) expect(cache.get("en|/en/")?.html, `after ${i} junk pages`).toBe("<p>home</p>");
    }
    expect(cache.size).toBe(100);
    expect(cache.get("en|/en/members?q=junk0")).toBeUndefined();
    expect(cache.get("en|/en/members?q=junk9999")?.html).toBe("<p>9999</p>");
  });

  it("stays within its byte budget, least recently read out first", () => {
    const page = (c: string) => c.repeat(1000);
    const cache = new PageCache(60, { maxBytes: 3 * sizeOf(page("x")) });
    cache.set("a", 200, page("a"));
    cache.set("b", 200, page("b"));
    cache.set("c", 200, page("c"));
    cache.get("a");
    cache.set("d", 200, page("d"));
    expect(cache.bytes).toBeLessThanOrEqual(3 * sizeOf(page("x")));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.html).toBe(page("a"));
    // Larger than the whole budget: served by the caller, never kept.
    cache.set("huge", 200, page("h").repeat(10));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("d")?.html).toBe(page("d"));
  });

  it("counts hits and misses, expired pages as misses", () => {
    const cache = new PageCache(60);
    cache.get("a", 0);
    cache.set("a", 200, "a", 0);
    cache.get("a", 1000);
    cache.get("a", 2000);
    cache.get("a", 61_000);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 2, misses: 2 });
    expect(cache.size).toBe(0);
  });

  it("forgets everything on clear", () => {
    const cache = new PageCache(60);
    cache.set("a", 200, "a");
    cache.clear();
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("gives each body its own etag", () => {
    const cache = new PageCache(60);
    expect(cache.set("a", 200, "one").etag).not.toBe(cache.set("b", 200, "two").etag);
  });
});

describe("pageKey", () => {
  const members = ["q", "region", "date", "page"] as const;
  const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

  it("ignores the parameters the page does not read", () => {
    const plain = pageKey("en", "/en/members", {}, members);
    for (const url of ["/en/members?junk=1", "/en/members?utm_source=mail&fbclid=x", "/en/members?"]) {
      expect(pageKey("en", url, query(url), members), url).toEqual(plain);
    }
    expect(plain).toEqual({ key: "en|/en/members", search: "" });
    expect(pageKey("en", "/en/?q=x", { q: "x" }, [])).toEqual({ key: "en|/en/", search: "" });
  });

  it("sorts the parameters it keeps and drops empty ones", () => {
    const a = pageKey("en", "/en/members?region=africa&q=uru&date=", { region: "africa", q: "uru", date: "" }, members);
    const b = pageKey("en", "/en/members?q=uru&junk=1&region=africa", { q: "uru", junk: "1", region: "africa" }, members);
    expect(a).toEqual(b);
    expect(a).toEqual({ key: "en|/en/members?q=uru&region=africa", search: "?q=uru&region=africa" });
  });

  it("tells apart what the page does read, and escapes it", () => {
    const one = pageKey("en", "/en/members?q=a", { q: "a" }, members).key;
    expect(pageKey("en", "/en/members?q=b", { q: "b" }, members).key).not.toBe(one);
    expect(pageKey("fr", "/fr/members?q=a", { q: "a" }, members).key).not.toBe(one);
    expect(pageKey("en", "/en/members?q=a&q=b", { q: ["a", "b"] }, members).key).not.toBe(one);
    expect(pageKey("en", "/en/members?q=a%26region%3Dx", { q: "a&region=x" }, members).search).toBe("?q=a%26region%3Dx");
  });

  it("reads one path however its letters are escaped, but not a slash", () => {
    expect(pageKey("en", "/en/members/%55Y", {}, []).key).toBe(pageKey("en", "/en/members/UY", {}, []).key);
    expect(pageKey("en", "/en/network/a%2Fb", {}, []).key).toBe("en|/en/network/a%2Fb");
    expect(pageKey("en", "/en/members/%E0%A4%A", {}, []).key).toBe("en|/en/members/%E0%A4%A");
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
