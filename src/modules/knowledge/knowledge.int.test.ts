import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { systemActor } from "../../actor.js";
import { FIXTURES, seedKnowledgeFixtures } from "./fixtures.js";
import { seedKnowledge } from "./service.js";

/**
 * The public knowledge platform through real pages and the API, over the fixtures loaded by the
 * same loader as the demo content: what readers see in each language (fallbacks and outdated
 * notes), filters, drafts kept out of everything public, hostile Markdown, and partners' scope.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let reader: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  await seedKnowledgeFixtures(t.database.db);
  reader = await visitor(t.app);
});
afterAll(() => t.close());

const json = async (url: string) => {
  const res = await reader.get(url);
  expect(res.statusCode, url).toBe(200);
  return JSON.parse(res.body) as { items: Record<string, unknown>[]; total: number };
};

describe("seeding the content files", () => {
  it("is idempotent and audited as the seed", async () => {
    const again = await seedKnowledge(systemActor("seed"), t.database.db, FIXTURES);
    expect(again.created).toBe(0);
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = 'guide' and actor like '%seed%'`.execute(t.database.db);
    expect(audited.rows[0]?.n).toBeGreaterThanOrEqual(3);
  });

  it("fails loudly, naming the file and the field, on a bad file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-knowledge-"));
    await writeFile(join(dir, "topics.json"), JSON.stringify([{ slug: "Bad Slug", added2022: "no", title: {}, summary: { en: "x" }, source: "x" }]));
    await expect(seedKnowledge(systemActor("seed"), t.database.db, dir)).rejects.toThrow(/topics\.json: not valid[\s\S]*at 0\.slug/);
    await writeFile(join(dir, "topics.json"), "[]");
    await mkdir(join(dir, "guides", "a-guide"), { recursive: true });
    await writeFile(
      join(dir, "guides", "a-guide", "meta.json"),
      JSON.stringify({ slug: "a-guide", audience: "business", track: null, topics: ["nowhere"], owner: "secretariat", related: [], tools: [], glossary: [], steps: false, sources: [], verified: null, sourceLang: "en" }),
    );
    await writeFile(join(dir, "guides", "a-guide", "en.md"), "# A question?\n\nLede.\n");
    await expect(seedKnowledge(systemActor("seed"), t.database.db, dir)).rejects.toThrow(/topics names "nowhere"/);
    await writeFile(join(dir, "guides", "a-guide", "en.md"), "No title here\n");
    await expect(seedKnowledge(systemActor("seed"), t.database.db, dir)).rejects.toThrow(/en\.md: the first line must be "# "/);
  });
});

describe("a guide's page", () => {
  it("shows its steps with anchors, glossary terms linked once, tools, related guides, owner, sources and verification", async () => {
    const res = await reader.get("/en/guides/export-rules-of-origin");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1 id="guide-title">How do I prove where my product comes from?</h1>');
    expect(html).toContain('<h2 id="find-your-product-s-hs-code">');
    expect(html).toContain('<a href="/en/glossary/hs-code" class="glossary-term">HS code</a>');
    expect(html.match(/class="glossary-term"/g)?.length).toBe(1);
    expect(html).toContain('href="https://findrulesoforigin.org" class="external" rel="external noopener noreferrer"');
    expect(html).toContain("Rules of Origin Facilitator");
    expect(html).toContain('href="/en/guides/origin-policy"');
    expect(html).toContain('href="/en/network/itc"');
    expect(html).toContain("Last verified by ITC on");
    expect(html).toContain("WTO: rules of origin");
    // schema.org: a HowTo with its steps, escaped inside the data block; Open Graph.
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? "";
    const data = JSON.parse(ld) as { "@type": string; step: { name: string }[] };
    expect(data["@type"]).toBe("HowTo");
    expect(data.step.map((s) => s.name)).toEqual(["Find your product's HS code", "Check the rule for your code", "Keep the proof"]);
    expect(html).toContain('<meta property="og:title" content="How do I prove where my product comes from?"/>');
  });

  it("in Spanish, is shown in Spanish with its terms linked in Spanish", async () => {
    const html = (await reader.get("/es/guides/export-rules-of-origin")).body;
    expect(html).toContain("¿Cómo pruebo de dónde procede mi producto?");
    expect(html).not.toContain("translation-note");
    expect(html).toContain('<a href="/es/glossary/hs-code" class="glossary-term">código SA</a>');
  });

  it("in French, outdated, says the original has changed", async () => {
    const html = (await reader.get("/fr/guides/export-rules-of-origin")).body;
    expect(html).toContain("Comment prouver d'où vient mon produit ?");
    expect(html).toContain(`<p class="translation-note">Cette traduction n'est peut-être plus à jour`);
  });

  it("missing in French, shows the English original marked with its language and a note in French", async () => {
    const html = (await reader.get("/fr/guides/origin-policy")).body;
    expect(html).toContain('<p class="translation-note">Ce texte n\'est pas encore disponible en français ; il est affiché en anglais.</p>');
    expect(html).toMatch(/<div lang="en"><h1 id="guide-title">How can rules of origin be made easier for small firms\?<\/h1>/);
    // A policy guide is an Article.
    expect(html).toContain('"@type":"Article"');
  });

  it("answers 404 for a draft and for an unknown or malformed slug", async () => {
    expect((await reader.get("/en/guides/draft-guide")).statusCode).toBe(404);
    expect((await reader.get("/en/guides/nothing-here")).statusCode).toBe(404);
    expect((await reader.get("/en/guides/%3Cscript%3E")).statusCode).toBe(404);
  });
});

describe("page weight", () => {
  it("a guide page, with its stylesheet and its one script, stays under 50 KB compressed, its text in the HTML", async () => {
    const page = await reader.get("/es/guides/export-rules-of-origin");
    const assets = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] ?? "");
    expect(assets).toHaveLength(2);
    let total = gzipSync(page.body).length;
    for (const url of assets) total += gzipSync((await reader.get(url)).body).length;
    expect(total).toBeLessThan(50 * 1024);
    // Readable without JavaScript: every section is in the page as sent.
    expect(page.body).toContain("Guarde las pruebas");
  });
});

describe("the other public pages", () => {
  it("the business entry page lists guides by track; the policymakers' page theirs", async () => {
    const business = (await reader.get("/en/business")).body;
    expect(business).toContain('<h2 id="goods">Selling goods</h2>');
    expect(business).toContain('href="/en/guides/export-rules-of-origin"');
    expect(business).not.toContain("origin-policy");
    const policy = (await reader.get("/fr/policymakers")).body;
    expect(policy).toContain('href="/fr/guides/origin-policy"');
    expect(policy).not.toContain("export-rules-of-origin");
  });

  it("topics, a topic, the glossary with anchors, a term, the tools directory", async () => {
    const topics = (await reader.get("/es/topics")).body;
    expect(topics).toContain("Normas de origen");
    // Not translated into Spanish: the English title, marked as such.
    expect(topics).toContain('<span lang="en">Trade remedies</span>');
    const topic = (await reader.get("/en/topics/rules-of-origin")).body;
    expect(topic).toContain('href="/en/guides/export-rules-of-origin"');
    expect(topic).toContain('href="/en/guides/origin-policy"');
    const glossary = (await reader.get("/fr/glossary")).body;
    expect(glossary).toContain('<dt id="term-tariff">');
    expect(glossary).toContain("droit de douane");
    expect(glossary).toContain('<span lang="en">HS code</span>');
    const term = (await reader.get("/es/glossary/hs-code")).body;
    expect(term).toContain("código SA");
    expect(term).toContain('"@type":"DefinedTerm"');
    const tools = (await reader.get("/en/tools")).body;
    expect(tools).toContain('id="tool-rules-of-origin-facilitator"');
    expect(tools).toContain("Run by European Commission");
    expect(tools).toContain('href="/en/guides/export-rules-of-origin"');
  });

  it("the home page is the front door: the two audiences, a search box, what is new", async () => {
    const home = (await reader.get("/en/")).body;
    expect(home).toContain('href="/en/business"');
    expect(home).toContain('href="/en/policymakers"');
    expect(home).toContain('id="home-search-q"');
    expect(home).toContain("New and updated guides");
    expect(home).not.toContain("quokkas");
  });
});

describe("the API", () => {
  it("lists guides with filters: audience, track, topic, owner, translation status", async () => {
    expect((await json("/api/v1/guides")).total).toBe(2);
    expect((await json("/api/v1/guides?audience=policymaker")).items.map((g) => g.slug)).toEqual(["origin-policy"]);
    expect((await json("/api/v1/guides?track=goods")).items.map((g) => g.slug)).toEqual(["export-rules-of-origin"]);
    expect((await json("/api/v1/guides?track=services")).total).toBe(0);
    expect((await json("/api/v1/guides?topic=rules-of-origin")).total).toBe(2);
    expect((await json("/api/v1/guides?owner=itc")).items.map((g) => g.slug)).toEqual(["export-rules-of-origin"]);
    expect((await json("/api/v1/guides?owner=secretariat")).items.map((g) => g.slug)).toEqual(["origin-policy"]);
    expect((await json("/api/v1/guides?lang=fr&translation=outdated")).items.map((g) => g.slug)).toEqual(["export-rules-of-origin"]);
    expect((await json("/api/v1/guides?lang=fr&translation=missing")).items.map((g) => g.slug)).toEqual(["origin-policy"]);
    const fr = (await json("/api/v1/guides?lang=fr&owner=secretariat")).items[0];
    expect(fr).toMatchObject({ title: "How can rules of origin be made easier for small firms?", titleLang: "en", translations: { fr: { status: "missing" }, en: { status: "current" } } });
  });

  it("lists topics, glossary terms and tools with their filters", async () => {
    expect((await json("/api/v1/topics?added2022=yes")).items.map((x) => x.slug)).toEqual(["trade-remedies"]);
    expect((await json("/api/v1/glossary?lang=fr&translation=missing")).items.map((x) => x.slug)).toEqual(["hs-code"]);
    expect((await json("/api/v1/glossary?guide=origin-policy")).items.map((x) => x.slug)).toEqual(["rules-of-origin"]);
    expect((await json("/api/v1/tools?owner=itc")).items.map((x) => x.slug)).toEqual(["rules-of-origin-facilitator"]);
    expect((await json("/api/v1/tools?cost=paid")).total).toBe(0);
  });

  it("refuses bad filters with problem+json", async () => {
    const res = await reader.get("/api/v1/guides?audience=aliens");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("downloads CSV", async () => {
    const res = await reader.get("/api/v1/guides.csv?lang=es");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("¿Cómo pruebo de dónde procede mi producto?");
  });
});

describe("drafts are invisible to the public everywhere", () => {
  it("not in lists, the API, the topic page, the sitemap, the feed or search", async () => {
    for (const url of ["/en/business", "/en/topics/trade-remedies", "/api/v1/guides?owner=oecd", "/sitemap.xml", "/en/feeds/guides.atom", "/en/"]) {
      const res = await reader.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("quokka");
      expect(res.body, url).not.toContain("draft-guide");
    }
    expect(JSON.parse((await reader.get("/api/v1/search?q=quokkas")).body)).toMatchObject({ items: [], total: 0 });
    expect((await reader.get("/en/search?q=quokkas")).body).not.toContain("/guides/draft-guide");
  });

  it("the feed and the sitemap carry the published guides", async () => {
    const feed = (await reader.get("/fr/feeds/guides.atom")).body;
    expect(feed).toContain("Comment prouver d&#39;où vient mon produit ?");
    const sitemap = (await reader.get("/sitemap.xml")).body;
    expect(sitemap).toContain("/en/guides/export-rules-of-origin</loc>");
    expect(sitemap).toMatch(/hreflang="es" href="[^"]*\/es\/guides\/export-rules-of-origin"/);
  });
});

describe("search", () => {
  it("finds a guide in Spanish by another form of a word, and glossary terms and tools by name", async () => {
    const es = (await reader.get("/es/search?q=exportadoras")).body;
    expect(es).toContain("/es/guides/export-rules-of-origin");
    const tools = JSON.parse((await reader.get("/api/v1/search?q=Access2Markets&lang=en&kind=tool")).body) as { items: { url: string }[] };
    expect(tools.items[0]?.url).toBe("/en/tools#tool-access2markets");
    const typo = JSON.parse((await reader.get("/api/v1/search?q=produkt&lang=en&kind=guide")).body) as { suggestion?: string; items: { url: string }[] };
    expect(typo.suggestion).toBe("product");
    expect(typo.items.map((i) => i.url)).toContain("/en/guides/export-rules-of-origin");
  });
});
