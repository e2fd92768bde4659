import { describe, expect, it } from "vitest";
import type { AppContext, FeedDefinition, FeedItem, PlatformModule } from "../module.js";
import { feedItems, feedLinksByPage, gatherFeeds } from "./feeds.js";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
/** A module's contribution: items dated on the given days, newest first as modules give them. */
const source = (prefix: string, days: number[], shownOn?: string[]): FeedDefinition => ({
  name: "recently-verified",
  title: "feeds.recentlyVerified",
  shownOn,
  async items(_ctx, _lang, limit) {
    return [...days]
      .sort((a, b) => b - a)
      .slice(0, limit)
      .map((d): FeedItem => ({ id: `${prefix}/${d}`, title: `${prefix} ${d}`, url: `/${prefix}/${d}`, updated: day(d) }));
  },
});
const ctx = {} as AppContext;

describe("a feed gathered from several modules", () => {
  const modules: PlatformModule[] = [
    { name: "members", feeds: [source("m", [1, 5, 9, 2], ["/members"])] },
    { name: "other" },
    { name: "network", feeds: [source("n", [3, 5, 8], ["/network"])] },
  ];

  it("is one feed under the shared name, announced on every contributing module's pages", () => {
    const feeds = gatherFeeds(modules);
    expect([...feeds.keys()]).toEqual(["recently-verified"]);
    expect(feeds.get("recently-verified")?.sources).toHaveLength(2);
    const links = feedLinksByPage(feeds);
    expect(links.get("/members")).toEqual([{ name: "recently-verified", title: "feeds.recentlyVerified" }]);
    expect(links.get("/network")).toEqual(links.get("/members"));
  });

  it("merges their items newest first, bounded, the modules' order settling a tie", async () => {
    const feed = gatherFeeds(modules).get("recently-verified");
    if (!feed) throw new Error("no feed");
    expect((await feedItems(feed, ctx, "en", 4)).map((i) => i.id)).toEqual(["m/9", "n/8", "m/5", "n/5"]);
    expect(await feedItems(feed, ctx, "en", 100)).toHaveLength(7);
  });

  it("refuses a feed name that cannot be an address", () => {
    expect(() => gatherFeeds([{ name: "x", feeds: [{ ...source("x", []), name: "Recently Verified" }] }])).toThrow(/feed name/);
  });
});
