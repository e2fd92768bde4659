import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfIn } from "../../test/session.js";
import { testApp } from "../../test/app.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });

describe("the page cache through the app", () => {
  it("serves a page asked with parameters it does not read from the entry of the page itself", async () => {
    t.app.pages.cache.clear();
    const plain = await get("/en/members");
    expect(plain.statusCode).toBe(200);
    const entries = t.app.pages.cache.size;
    const hits = t.app.pages.cache.hits;
    for (const junk of ["?junk=1", "?utm_source=mail&fbclid=abc", "?q=&region=&date=", "?"]) {
      const res = await get(`/en/members${junk}`);
      expect(res.statusCode, junk).toBe(200);
      expect(res.headers.etag, junk).toBe(plain.headers.etag);
    }
    expect(t.app.pages.cache.size, "no new entry").toBe(entries);
    expect(t.app.pages.cache.hits - hits).toBe(4);
  });

  it("keeps one entry per filter, whatever the order of the parameters", async () => {
    t.app.pages.cache.clear();
    const a = await get("/en/members?region=americas&q=uru");
    const b = await get("/en/members?q=uru&junk=1&region=americas");
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain("Uruguay");
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(t.app.pages.cache.size).toBe(1);
    // A parameter the page reads is its own page.
    const other = await get("/en/members?region=africa&q=uru");
    expect(other.headers.etag).not.toBe(a.headers.etag);
    expect(other.body).not.toContain("Uruguay");
  });

  it("never shows one visitor's extra parameters to the next in the cached page's links", async () => {
    t.app.pages.cache.clear();
    const first = await get("/en/network?kind=&utm_campaign=tracked&q=bank");
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain("tracked");
    expect(first.body).toMatch(/hreflang="fr" href="[^"]*\/fr\/network\?q=bank"/);
    const second = await get("/en/network?q=bank");
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  it("never keeps the page answering a posted form: it shows what that visitor sent", async () => {
    t.app.pages.cache.clear();
    const form = await get("/en/password/forgot");
    const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const ask = (email: string) =>
      t.app.inject({ method: "POST", url: "/en/password/forgot", payload: { email, _csrf: csrfIn(form.body) }, headers: { cookie } });
    const first = await ask("first.person@example.org");
    const second = await ask("second.person@example.org");
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(first.body).toContain("first.person@example.org");
    expect(second.body).toContain("second.person@example.org");
    expect(second.body).not.toContain("first.person@example.org");
    // Nor does the form itself become that answer.
    expect((await get("/en/password/forgot")).body).not.toContain("first.person@example.org");
  });
});
