import { xml2js } from "xml-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.js";

/** What crawlers read: the sitemap, robots.txt, the favicon, and where a stray address leads. */

const ORIGIN = "https://trade4msmes.example.org";
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ PUBLIC_URL: `${ORIGIN}/` });
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

type Element = { name?: string; attributes?: Record<string, string>; elements?: Element[]; text?: string };
const children = (element: Element | undefined, name: string) => (element?.elements ?? []).filter((e) => e.name === name);
const text = (element: Element | undefined, name: string) => children(element, name)[0]?.elements?.[0]?.text;

interface Listed {
  loc: string;
  lastmod?: string;
  alternates: Record<string, string>;
}

/** The `<url>` elements of a sitemap; xml2js throws on a document that is not well-formed XML. */
function urlsOf(body: string): Listed[] {
  const root = (xml2js(body) as Element).elements?.[0];
  expect(root?.name).toBe("urlset");
  expect(root?.attributes).toMatchObject({ xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:xhtml": "http://www.w3.org/1999/xhtml" });
  return children(root, "url").map((url) => ({
    loc: text(url, "loc") ?? "",
    lastmod: text(url, "lastmod"),
    alternates: Object.fromEntries(children(url, "xhtml:link").map((l) => [l.attributes?.hreflang ?? "", l.attributes?.href ?? ""])),
  }));
}

describe("/sitemap.xml", () => {
  let urls: Listed[];
  beforeAll(async () => {
    const res = await get("/sitemap.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    urls = urlsOf(res.body);
  });

  it("lists every WTO member's page in English, French and Spanish, each naming the others, with absolute addresses", async () => {
    const members = await t.database.db.selectFrom("economies").select("code").where("wto_member_since", "is not", null).execute();
    expect(members.length).toBeGreaterThan(160);
    const byLoc = new Map(urls.map((u) => [u.loc, u]));
    for (const { code } of members) {
      for (const lang of ["en", "fr", "es"]) {
        const url = byLoc.get(`${ORIGIN}/${lang}/members/${code}`);
        expect(url, `${lang}/members/${code}`).toBeDefined();
        expect(url?.alternates).toEqual({
          en: `${ORIGIN}/en/members/${code}`,
          fr: `${ORIGIN}/fr/members/${code}`,
          es: `${ORIGIN}/es/members/${code}`,
          "x-default": `${ORIGIN}/en/members/${code}`,
        });
        expect(url?.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      }
    }
  });

  it("lists the home page, the lists and every organization, and nothing else", async () => {
    const organizations = await t.database.db.selectFrom("organizations").select("slug").execute();
    const members = await t.database.db.selectFrom("economies").select("code").where("wto_member_since", "is not", null).execute();
    // package (issue 11): the tracker and each member with a confirmed record.
    const withRecords = await t.database.db.selectFrom("package_records").select("economy_code").where("confirmed_on", "is not", null).groupBy("economy_code").execute();
    const packagePaths = ["/package", ...withRecords.map((r) => `/package/${r.economy_code}`)];
    // reviews (issue 11): the list, the definitions compared and each review.
    const reviews = await t.database.db.selectFrom("tpr_reviews").select("id").execute();
    const reviewPaths = ["/reviews", "/reviews/definitions", ...reviews.map((r) => `/reviews/${r.id}`)];
    // participation (issue 12): the events
    const events = await t.database.db.selectFrom("events").select("slug").execute();
    const newsletters = await t.database.db.selectFrom("newsletter_issues").select("id").where("kind", "=", "record").execute();
    // documents (registry): the registry's page and every public document's.
    const documents = await t.database.db.selectFrom("documents").select("symbol").where("restriction", "=", "public").execute();
    // agreements (issue 10): the explorer, "between", and every agreement's page.
    const agreements = await t.database.db.selectFrom("agreements").select("rta_id").execute();
    // knowledge: its entry pages, and every published guide, topic and glossary term.
    const published = async (table: "knowledge_guides" | "knowledge_topics" | "knowledge_glossary") =>
      (await t.database.db.selectFrom(table).select("slug").where("status", "=", "published").execute()).map((r) => r.slug);
    const knowledge = [
      "/business",
      "/policymakers",
      "/topics",
      "/glossary",
      "/tools",
      ...(await published("knowledge_guides")).map((s) => `/guides/${s}`),
      ...(await published("knowledge_topics")).map((s) => `/topics/${s}`),
      ...(await published("knowledge_glossary")).map((s) => `/glossary/${s}`),
    ];
    const paths = [
      "/",
      "/members",
      ...members.map((m) => `/members/${m.code}`),
      "/network",
      ...organizations.map((o) => `/network/${o.slug}`),
      "/events",
      ...events.map((e) => `/events/${e.slug}`),
      "/newsletters",
      ...newsletters.map((n) => `/newsletters/${n.id}`),
      "/champions",
      "/champions/2021",
      "/champions/2022",
      "/documents",
      ...documents.map((d) => `/documents/${d.symbol.split("/").map(encodeURIComponent).join("/")}`),
      "/agreements",
      "/agreements/between",
      ...agreements.map((a) => `/agreements/${a.rta_id}`),
      ...knowledge,
      ...packagePaths,
      ...reviewPaths,
    ];
    // meetings, reports: the list, every meeting, the annual report of every year with records
    const meetings = await t.database.db.selectFrom("meetings").select(["slug", "held_on"]).execute();
    const reported = await t.database.db.selectFrom("annual_reports").select("year").execute();
    const years = new Set([...meetings.map((m) => new Date(m.held_on as string | Date).getUTCFullYear()), ...reported.map((r) => r.year)]);
    paths.push("/meetings", ...meetings.map((m) => `/meetings/${m.slug}`), ...[...years].map((y) => `/reports/annual/${y}`));
    // end meetings, reports
    // recommendations from traders: the list, the form, every issued one
    const issued = await t.database.db.selectFrom("recommendations").select("id").where("status", "=", "issued").execute();
    paths.push("/recommendations", "/recommendations/new", ...issued.map((r) => `/recommendations/${r.id}`));
    // end recommendations
    const expected = paths.flatMap((p) => ["en", "fr", "es"].map((l) => `${ORIGIN}/${l}${p}`));
    expect(urls.map((u) => u.loc).sort()).toEqual(expected.sort());
    const home = urls.find((u) => u.loc === `${ORIGIN}/fr/`);
    expect(home?.alternates["x-default"]).toBe(`${ORIGIN}/`);
    expect(home?.alternates.es).toBe(`${ORIGIN}/es/`);
  });

  it("lists only pages the public may see: each answers an anonymous visitor with 200", async () => {
    for (const { loc } of urls) {
      expect(loc.startsWith(`${ORIGIN}/`), loc).toBe(true);
      expect(loc).not.toMatch(/\/(admin|account|sign-in|password|api)\b/);
    }
    // Every page once, in one of its languages in turn (all three come up across the list).
    const pages = [...new Set(urls.map((u) => u.loc.slice(ORIGIN.length + 3)))];
    for (const [i, path] of pages.entries()) {
      const url = `/${["en", "fr", "es"][i % 3]}${path}`;
      expect((await get(url)).statusCode, url).toBe(200);
    }
    // Every public page of every module: a few hundred requests, minutes on a busy machine.
  }, 180_000);

  it("without PUBLIC_URL, uses the address the start-up message prints", async () => {
    const local = await testApp({ PORT: "4123" });
    try {
      const res = await local.app.inject({ url: "/sitemap.xml" });
      expect(urlsOf(res.body).every((u) => u.loc.startsWith("http://localhost:4123/"))).toBe(true);
      expect((await local.app.inject({ url: "/robots.txt" })).body).toContain("Sitemap: http://localhost:4123/sitemap.xml");
    } finally {
      await local.close();
    }
  });

  it("has no parts while it holds fewer than 50,000 addresses", async () => {
    expect((await get("/sitemap-1.xml")).statusCode).toBe(200);
    expect((await get("/sitemap-2.xml")).statusCode).toBe(404);
    expect((await get("/sitemap-x.xml")).statusCode).toBe(404);
  });
});

describe("hreflang alternates", () => {
  it("are absolute addresses on the public origin, on every page", async () => {
    const res = await get("/fr/members/UY");
    for (const lang of ["en", "fr", "es"]) expect(res.body).toContain(`<link rel="alternate" hreflang="${lang}" href="${ORIGIN}/${lang}/members/UY"/>`);
    expect(res.body).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/en/members/UY"/>`);
    const home = await get("/es/");
    expect(home.body).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/"/>`);
    // The language switcher stays on this site, whatever its address.
    expect(res.body).toContain('<a href="/es/members/UY" hreflang="es"');
  });
});

describe("/robots.txt", () => {
  it("lets crawlers in, keeps them out of the back office and the audit trail, and names the sitemap", async () => {
    const res = await get("/robots.txt");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const lines = res.body.split("\n");
    expect(lines).toContain("User-agent: *");
    for (const lang of ["en", "fr", "es"]) expect(lines).toContain(`Disallow: /${lang}/admin`);
    expect(lines).toContain("Disallow: /api/v1/audit");
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe("the favicon", () => {
  it("is served at /favicon.ico as an icon, and pages link an SVG one kept for a year", async () => {
    const ico = await get("/favicon.ico");
    expect(ico.statusCode).toBe(200);
    expect(ico.headers["content-type"]).toBe("image/x-icon");
    expect(ico.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(ico.headers["cache-control"]).toMatch(/max-age=\d{6,}/);
    const page = await get("/en/");
    const href = /<link rel="icon" href="(\/assets\/favicon\.[0-9a-f]+\.svg)" type="image\/svg\+xml"\/>/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const svg = await get(href as string);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
    expect(svg.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});

describe("a page outside the language prefixes", () => {
  it.each(["/robots-nope.txt", "/xyz", "/xyz/deeper?q=1", "/de/members"])("%s answers 404 with language links to each language's home", async (url) => {
    const res = await get(url, { "accept-language": "fr" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="fr">');
    const switcher = /<nav class="lang-switch"[^>]*>(.*?)<\/nav>/s.exec(res.body)?.[1] ?? "";
    const links = [...switcher.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(["/en/", "/fr/", "/es/"]);
    expect(res.body).toContain(`<link rel="alternate" hreflang="es" href="${ORIGIN}/es/"/>`);
    expect(res.body).toMatch(/<title>[^<]+ · Trade4MSMEs<\/title>/);
  });

  it("keeps the page's own address in another language under a prefix", async () => {
    const res = await get("/es/nowhere?x=1");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<a href="/fr/nowhere?x=1" hreflang="fr"');
  });
});
