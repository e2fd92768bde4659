import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchKinds } from "../src/modules/search/service.js";
import { testApp } from "./app.js";
import { MATRIX } from "./authz-matrix.js";

/**
 * The page cache keys a public page on the query parameters its route declares it reads
 * (`app.pages.send(…, { query })`, none by default). A page that reads one it did not declare
 * would be served, for every value, from the entry of whichever value came first. This test finds
 * such a page: for every public page of the authorization matrix and every parameter any page of
 * the platform reads, it asks the page with two values, each time with an empty cache; when the
 * two pages differ (the page reads the parameter), it asks the first value again with the second's
 * page in the cache, and expects the first page, not the second.
 */

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

/** Two values of each parameter the platform's pages read, both valid where a page checks them. */
const kinds = searchKinds().map((k) => k.name);
const VALUES: [string, string, string][] = [
  ["q", "uruguay", "bank"],
  ["region", "africa", "europe"],
  ["date", "2021-06-30", "2022-12-31"],
  ["page", "1", "2"],
  ["kind", "development_bank", "regional_commission"],
  ["kind", kinds[0] ?? "member", kinds[1] ?? "organization"],
  ["lang", "fr", "es"],
  ["history", "1", "2"],
  ["next", "/en/members", "/en/network"],
  ["done", "password", "signed-out"],
  ["status", "sent", "failed"],
  ["role", "editor", "admin"],
];

const publicPages = Object.entries(MATRIX)
  .filter(([key, entry]) => key.startsWith("GET /:lang") && entry.expect.public === "allow" && typeof entry.url === "string")
  .map(([key, entry]) => [key, entry.url as string] as const);

const withParam = (url: string, name: string, value: string) => {
  const at = new URL(url, "http://x");
  at.searchParams.set(name, value);
  return `${at.pathname}${at.search}`;
};
const fresh = async (url: string) => {
  t.app.pages.cache.clear();
  return t.app.inject(url);
};

describe("every cached public page declares the query parameters it reads", () => {
  it("has public pages to check", () => {
    expect(publicPages.length).toBeGreaterThan(5);
  });

  for (const [route, url] of publicPages) {
    it(`${route} (${url})`, async () => {
      for (const [name, one, other] of VALUES) {
        const first = await fresh(withParam(url, name, one));
        const second = await fresh(withParam(url, name, other));
        // Only a page the cache keeps (a form's page is never kept: it carries its own token).
        const cached = (res: typeof first) => res.statusCode === 200 && String(res.headers["cache-control"]).startsWith("public");
        if (!cached(first) || !cached(second) || first.body === second.body) continue;
        // The page reads `name`; the cache now holds the page for `other`.
        const again = await t.app.inject(withParam(url, name, one));
        expect(again.body === first.body, `${route} reads ?${name}= but its cached page for ${other} answered ${one}: declare it in { query }`).toBe(true);
      }
    });
  }
});
