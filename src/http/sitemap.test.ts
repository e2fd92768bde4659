import { xml2js } from "xml-js";
import { describe, expect, it } from "vitest";
import type { SitemapEntry } from "../module.js";
import { countUrls, robotsTxt, sitemapIndex, urlset } from "./sitemap.js";

type Element = { name?: string; elements?: Element[]; text?: string };
const locs = (xml: string) =>
  ((xml2js(xml) as Element).elements?.[0]?.elements ?? []).map((u) => u.elements?.find((e) => e.name === "loc")?.elements?.[0]?.text);

async function* pages(n: number): AsyncGenerator<SitemapEntry> {
  for (let i = 0; i < n; i++) yield i % 4 === 3 ? { path: `/p/${i}`, langs: ["fr"] } : { path: `/p/${i}`, lastmod: "2026-11-27" };
}
const all = async (chunks: AsyncIterable<string>) => {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
};

describe("the sitemap, split in parts", () => {
  it("gives every address exactly once across parts of at most `limit`, in order, each part well-formed", async () => {
    const total = await countUrls(pages(10)); // 8 pages in three languages, 2 in French only
    expect(total).toBe(26);
    const whole = locs(await all(urlset(pages(10), "https://x.test", 0, 1000)));
    expect(whole).toHaveLength(26);
    const parts: (string | undefined)[][] = [];
    for (let from = 0; from < total; from += 4) parts.push(locs(await all(urlset(pages(10), "https://x.test", from, 4))));
    expect(parts.every((p) => p.length <= 4)).toBe(true);
    expect(parts.flat()).toEqual(whole);
  });

  it("names its parts in an index", () => {
    const index = sitemapIndex("https://x.test", 3);
    const root = (xml2js(index) as Element).elements?.[0];
    expect(root?.name).toBe("sitemapindex");
    expect(root?.elements?.map((s) => s.elements?.[0]?.elements?.[0]?.text)).toEqual([
      "https://x.test/sitemap-1.xml",
      "https://x.test/sitemap-2.xml",
      "https://x.test/sitemap-3.xml",
    ]);
  });

  it("escapes what it is given and leaves out a date it cannot vouch for", async () => {
    async function* odd(): AsyncGenerator<SitemapEntry> {
      yield { path: "/q?a=1&b=<2>", lastmod: "yesterday" };
    }
    const xml = await all(urlset(odd(), "https://x.test"));
    expect(locs(xml)[0]).toBe("https://x.test/en/q?a=1&b=<2>");
    expect(xml).not.toContain("<lastmod>");
  });
});

describe("robots.txt", () => {
  it("names the sitemap at the public address", () => {
    expect(robotsTxt("https://x.test")).toMatch(/\nSitemap: https:\/\/x\.test\/sitemap\.xml\n$/);
  });
});
