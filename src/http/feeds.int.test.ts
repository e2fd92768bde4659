import { xml2js } from "xml-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.js";
import { visitor } from "../../test/session.js";

/** The "recently verified" feed: members and Network organizations as people confirm their facts. */

const ORIGIN = "https://trade4msmes.example.org";
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ PUBLIC_URL: ORIGIN });
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

type Element = { name?: string; attributes?: Record<string, string>; elements?: Element[]; text?: string; cdata?: string };
const children = (element: Element | undefined, name: string) => (element?.elements ?? []).filter((e) => e.name === name);
const textOf = (element: Element | undefined, name: string) => {
  const node = children(element, name)[0]?.elements?.[0];
  return node?.text ?? node?.cdata;
};

/** The feed as a reader sees it; xml2js throws on a document that is not well-formed XML. */
function parseAtom(body: string) {
  const feed = (xml2js(body) as Element).elements?.[0];
  expect(feed?.name).toBe("feed");
  expect(feed?.attributes?.xmlns).toBe("http://www.w3.org/2005/Atom");
  return {
    lang: feed?.attributes?.["xml:lang"],
    id: textOf(feed, "id"),
    title: textOf(feed, "title"),
    updated: textOf(feed, "updated"),
    self: children(feed, "link").find((l) => l.attributes?.rel === "self")?.attributes?.href,
    entries: children(feed, "entry").map((e) => ({
      id: textOf(e, "id") ?? "",
      title: textOf(e, "title") ?? "",
      link: children(e, "link")[0]?.attributes?.href ?? "",
      updated: textOf(e, "updated") ?? "",
      summary: textOf(e, "summary"),
    })),
  };
}

describe("the recently verified feed", () => {
  beforeAll(async () => {
    // Uruguay's delegate verifies their member, then ITC's partner their organization, in the back office.
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.submit("/en/admin/members/UY", "/en/admin/members/UY/verify", {})).statusCode).toBe(303);
    const partner = await visitor(t.app, "partner-itc@demo.test");
    expect((await partner.submit("/en/admin/network/itc", "/en/admin/network/itc/verify", {})).statusCode).toBe(303);
  });

  it("holds the organization just verified at the top, then the member verified before it, in French under /fr/", async () => {
    const res = await get("/fr/feeds/recently-verified.atom");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const feed = parseAtom(res.body);
    expect(feed.lang).toBe("fr");
    expect(feed.title).toBe("Vérifiés récemment");
    expect(feed.self).toBe(`${ORIGIN}/fr/feeds/recently-verified.atom`);
    const [first, second] = feed.entries;
    expect(first?.title).toBe("Centre du commerce international : profil vérifié");
    expect(first?.link).toBe(`${ORIGIN}/fr/network/itc`);
    expect(first?.summary).toMatch(/^Dernière vérification par .+ le \d{1,2} \S+ \d{4}\.$/);
    expect(second?.title).toBe("Uruguay : fiche vérifiée");
    expect(second?.link).toBe(`${ORIGIN}/fr/members/UY`);
    expect(feed.entries).toHaveLength(2);
    // Newest first, and the feed is as new as its newest entry.
    expect(Date.parse(first?.updated ?? "")).toBeGreaterThanOrEqual(Date.parse(second?.updated ?? ""));
    expect(feed.updated).toBe(first?.updated);
    expect(Date.now() - Date.parse(first?.updated ?? "")).toBeLessThan(60_000);
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(2);
    for (const entry of feed.entries) expect(entry.id).toMatch(/^tag:trade4msmes\.example\.org,\d{4}:recently-verified\/fr\//);
  });

  it("speaks each page's language", async () => {
    const es = parseAtom((await get("/es/feeds/recently-verified.atom")).body);
    expect(es.title).toBe("Verificados recientemente");
    expect(es.entries[0]?.title).toBe("Centro de Comercio Internacional: perfil verificado");
    expect(es.entries[0]?.link).toBe(`${ORIGIN}/es/network/itc`);
    const en = parseAtom((await get("/en/feeds/recently-verified.atom")).body);
    expect(en.entries.map((e) => e.title)).toEqual(["International Trade Centre: profile verified", "Uruguay: record verified"]);
  });

  it("is announced in the head of the pages that show the stream, with a visible link", async () => {
    for (const path of ["/fr/network", "/fr/members"]) {
      const page = await get(path);
      expect(page.body).toContain(`<link rel="alternate" type="application/atom+xml" title="Vérifiés récemment" href="${ORIGIN}/fr/feeds/recently-verified.atom"/>`);
      expect(page.body).toContain('<a href="/fr/feeds/recently-verified.atom" type="application/atom+xml">Suivre « Vérifiés récemment » dans un lecteur de flux (Atom)</a>');
    }
    expect((await get("/fr/members/UY")).body).not.toContain("application/atom+xml");
  });

  it("answers a reader that has it already with 304", async () => {
    const first = await get("/en/feeds/recently-verified.atom");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await get("/en/feeds/recently-verified.atom", { "if-none-match": etag })).statusCode).toBe(304);
  });

  it("the sitemap dates the organization's page by its verification", async () => {
    const sitemap = (await get("/sitemap.xml")).body;
    const lastmod = (slug: string) => Date.parse(new RegExp(`<loc>${ORIGIN}/en/network/${slug}</loc><lastmod>([^<]+)</lastmod>`).exec(sitemap)?.[1] ?? "");
    const verifiedAt = await t.database.db.selectFrom("organizations").select("updated_at").where("slug", "=", "itc").executeTakeFirstOrThrow();
    expect(lastmod("itc")).toBe(verifiedAt.updated_at.getTime());
    expect(lastmod("itc")).toBeGreaterThan(lastmod("oecd"));
  });

  it("sends names as text: Atom readers render titles as HTML", async () => {
    const db = t.database.db;
    const { name_en } = await db.selectFrom("organizations").select("name_en").where("slug", "=", "itc").executeTakeFirstOrThrow();
    await db.updateTable("organizations").set({ name_en: "R&D <script>alert(1)</script> ]]> Centre" }).where("slug", "=", "itc").execute();
    try {
      const res = await get("/en/feeds/recently-verified.atom");
      expect(res.body).not.toContain("<script>");
      expect(parseAtom(res.body).entries[0]?.title).toBe("R&#38;D &#60;script&#62;alert(1)&#60;/script&#62; ]]&#62; Centre: profile verified");
    } finally {
      await db.updateTable("organizations").set({ name_en }).where("slug", "=", "itc").execute();
    }
  });

  it("has no other feed, and no feed outside the three languages", async () => {
    expect((await get("/en/feeds/nope.atom")).statusCode).toBe(404);
    expect((await get("/de/feeds/recently-verified.atom")).statusCode).toBe(404);
    expect((await get("/en/feeds/recently-verified")).statusCode).toBe(404);
  });
});
