import { searchKinds } from "./service.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { runCli } from "../../../test/cli.js";
import type { Actor } from "../../actor.js";
import { deleteMembership } from "../members/service.js";
import { updateOrganization, verifyOrganization } from "../network/service.js";
import { highlights } from "./present.js";
import { MARK_END, MARK_START } from "./repo.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const editor: Actor = { kind: "user", id: 1, email: "editor@example.org", name: "Search Test Editor", role: "editor", grants: [], via: "session" };

interface Results {
  items: { kind: string; title: string; url: string; snippet: string; language?: string }[];
  total: number;
  totalExact?: false;
  suggestion?: string;
}
async function api(query: Record<string, string>): Promise<Results> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/search?${new URLSearchParams(query)}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Results;
}
const urls = (r: Results) => r.items.map((i) => i.url);
const page = (path: string) => t.app.inject({ method: "GET", url: path });

describe("finding members and organizations", () => {
  it('"uruguay" and "Uruguay" find Uruguay first, in every language', async () => {
    for (const q of ["uruguay", "Uruguay", "URUGUAY"]) {
      for (const lang of ["en", "fr", "es"]) {
        const r = await api({ q, lang });
        expect(r.items[0], `${q} in ${lang}`).toMatchObject({ kind: "member", title: "Uruguay", url: `/${lang}/members/UY` });
        expect(r.suggestion).toBeUndefined();
      }
    }
  });

  it('"urugay" finds Uruguay through its trigrams, suggesting "uruguay"', async () => {
    const r = await api({ q: "urugay" });
    expect(r.suggestion).toBe("uruguay");
    expect(r.items[0]).toMatchObject({ title: "Uruguay", url: "/en/members/UY" });
    const fr = await api({ q: "Urugay", lang: "fr" });
    expect(fr.suggestion).toBe("uruguay");
    expect(fr.items[0]?.url).toBe("/fr/members/UY");
  });

  it('"banque" finds the development banks in French', async () => {
    const r = await api({ q: "banque", lang: "fr" });
    const banks = ["/fr/network/adb", "/fr/network/ebrd", "/fr/network/idb", "/fr/network/world-bank"];
    expect(urls(r).filter((u) => u.startsWith("/fr/network/")).sort()).toEqual(banks);
    expect(r.items.find((i) => i.url === "/fr/network/idb")?.title).toBe("Banque interaméricaine de développement (BID)");
    // Names are found in any language; the results are in the language asked for.
    const en = await api({ q: "banque", lang: "en" });
    expect(en.items.find((i) => i.url === "/en/network/world-bank")?.title).toBe("World Bank");
  });

  it('"Côte" and "cote" find Côte d\'Ivoire, accents ignored', async () => {
    for (const q of ["Côte", "cote", "COTE d'ivoire", "côte divoire"]) {
      const r = await api({ q, lang: "fr" });
      expect(urls(r), q).toContain("/fr/members/CI");
    }
    expect((await api({ q: "cote", lang: "en" })).items[0]?.title).toBe("Côte d'Ivoire");
  });

  it("finds names by their start, by other names, acronyms and codes", async () => {
    expect((await api({ q: "urug" })).items[0]?.url).toBe("/en/members/UY");
    expect(urls(await api({ q: "Ivory Coast" }))).toContain("/en/members/CI");
    expect((await api({ q: "CEPAL", lang: "es" })).items[0]?.url).toBe("/es/network/eclac");
    expect((await api({ q: "BERD", lang: "en" })).items[0]?.url).toBe("/en/network/ebrd");
    expect((await api({ q: "HK" })).items[0]?.title).toBe("Hong Kong, China");
  });

  it("ranks a title above a mere mention, filters by kind, and pages", async () => {
    const all = await api({ q: "msme", kind: "member", limit: "100" });
    // Every economy's text says whether it is in the MSME Group.
    const economies = Number((await sql<{ n: number }>`select count(*)::int as n from economies`.execute(t.database.db)).rows[0]?.n);
    expect(all.total).toBe(economies);
    expect(all.items.every((i) => i.kind === "member")).toBe(true);
    const second = await api({ q: "msme", kind: "member", limit: "10", offset: "10" });
    expect(second.items.map((i) => i.url)).toEqual(all.items.slice(10, 20).map((i) => i.url));
    const beyond = await api({ q: "msme", kind: "member", offset: "5000" });
    expect(beyond).toEqual({ items: [], total: economies });
  });

  it("gives a snippet with the words found, as plain text", async () => {
    const r = await api({ q: "uruguay msme" });
    expect(r.items[0]?.snippet).toMatch(/MSME Group/);
    expect(r.items[0]?.snippet).not.toMatch(/[<>]/);
    expect([MARK_START, MARK_END].some((mark) => r.items[0]?.snippet.includes(mark))).toBe(false);
  });

  it("says nothing was found, without a suggestion, when nothing is close", async () => {
    expect(await api({ q: "qqqqxxxx zzzzkkkk" })).toEqual({ items: [], total: 0 });
  });
});

describe("other forms of a word (knowledge)", () => {
  it('"exportadoras" finds "exportación": the Spanish stemmer gives export and exportacion, the start of the first finds the second', async () => {
    const stems = await sql<{ a: string; b: string }>`select to_tsvector('t4m_spanish', 'exportadoras')::text as a, to_tsvector('t4m_spanish', 'exportación')::text as b`.execute(t.database.db);
    expect(stems.rows[0]).toEqual({ a: "'export':1", b: "'exportacion':1" });
    await updateOrganization(editor, t.database.db, "unido", { profile: { es: { text: "Apoya la exportación de las pequeñas empresas." } } });
    const r = await api({ q: "exportadoras", lang: "es", kind: "organization" });
    expect(urls(r)).toContain("/es/network/unido");
    // A phrase keeps its meaning: no prefix of stems there.
    expect(urls(await api({ q: '"exportadoras pequeñas"', lang: "es", kind: "organization" }))).not.toContain("/es/network/unido");
  });
});

describe("results in other languages", () => {
  it("come after every result in the language asked for, each with its language", async () => {
    const r = await api({ q: "development", lang: "fr", limit: "100" });
    const first = r.items.findIndex((i) => i.language !== undefined);
    expect(first).toBeGreaterThan(0);
    expect(r.items.slice(first).every((i) => i.language !== undefined && i.language !== "fr")).toBe(true);
    expect(r.items.find((i) => i.url === "/fr/network/adb")?.language).toBe("en");
    // In a kind's list, the untranslated ones come last, under their own heading.
    const html = (await page("/es/search?q=development&kind=organization")).body;
    expect(html).toMatch(/<h2 id="results-other">En otros idiomas<\/h2><p class="hint">Aún sin traducir al español/);
    expect(html).toMatch(/<p class="meta">Organizaciones de la Red · En inglés<\/p>/);
  });
});

describe("a word in more documents than are counted", () => {
  it("counts up to 1,000, says \"more than\", and still ranks a title first", async () => {
    const db = t.database.db;
    // 1,100 documents with the word in their text, then one with it in its title, written last
    // (read last from the table).
    await sql`insert into search_documents (kind, record_id, lang, title, text, url, names, visibility)
              select 'member', 'ZB' || i, 'en', 'Bulk ' || i, 'A text about quixotism and more', '/en/members/ZB' || i, '', 'public'
              from generate_series(1, 1100) i`.execute(db);
    await sql`insert into search_documents (kind, record_id, lang, title, text, url, names, visibility)
              values ('member', 'ZT', 'en', 'Quixotism', 'The title says it', '/en/members/ZT', '', 'public')`.execute(db);
    try {
      const r = await api({ q: "quixotism" });
      expect(r).toMatchObject({ total: 1000, totalExact: false });
      expect(r.items[0]?.url).toBe("/en/members/ZT");
      expect(r.items).toHaveLength(20);
      const small = await api({ q: "uruguay" });
      expect(small.totalExact).toBeUndefined();
      const html = (await page("/en/search?q=quixotism")).body;
      expect(html).toContain("More than 1,000 results for “quixotism”");
      expect(html).toContain("Everything (more than 1,000)");
      // Past the cap, kinds are not counted one by one.
      expect(html).toContain('<h2 id="results-member">Members</h2>');
      expect(html).toContain("All results: Members");
      const list = (await page("/en/search?q=quixotism&kind=member")).body;
      expect(list).toContain('<h2 id="results-title">Members (more than 1,000)</h2>');
      expect(list).toContain('href="/en/members/ZT"');
    } finally {
      await sql`delete from search_documents where kind = 'member' and (record_id like 'ZB%' or record_id = 'ZT')`.execute(db);
    }
  });
});

describe("the index follows changes, in the same transaction", () => {
  it("a profile changed through the network service is found as soon as the change commits", async () => {
    expect((await api({ q: "hyperlocal" })).total).toBe(0);
    await updateOrganization(editor, t.database.db, "itc", { profile: { en: { text: "Hyperlocal export coaching for women-led firms." } } });
    const r = await api({ q: "hyperlocal" });
    expect(r.items.map((i) => i.url)).toEqual(["/en/network/itc"]);
    expect(r.items[0]?.snippet).toContain("Hyperlocal export coaching");
    // Stemmed in English: another form of the word finds it too.
    expect(urls(await api({ q: "coached" }))).toContain("/en/network/itc");
  });

  it("rewrites only the documents a change alters", async () => {
    const stamps = async () =>
      Object.fromEntries(
        (await t.database.db.selectFrom("search_documents").select(["lang", "updated_at"]).where("kind", "=", "organization").where("record_id", "=", "ilo").execute()).map((d) => [
          d.lang,
          d.updated_at.getTime(),
        ]),
      );
    await updateOrganization(editor, t.database.db, "ilo", { profile: { en: { text: "Labour standards." }, es: { text: "Normas del trabajo." } } });
    const before = await stamps();
    // Verifying changes none of the documents; a French profile changes the French one only.
    await verifyOrganization(editor, t.database.db, "ilo");
    expect(await stamps()).toEqual(before);
    await updateOrganization(editor, t.database.db, "ilo", { profile: { fr: { text: "Normes internationales du travail et emplois décents." } } });
    const after = await stamps();
    expect(after.en).toBe(before.en);
    expect(after.es).toBe(before.es);
    expect(after.fr).toBeGreaterThan(before.fr ?? 0);
    expect(urls(await api({ q: "décent", lang: "fr" }))).toContain("/fr/network/ilo");
  });

  it("a draft translation is not searchable until it is published", async () => {
    await updateOrganization(editor, t.database.db, "escap", { profile: { fr: { text: "Brouillon confidentiel zygomorphe.", draft: true } } });
    expect((await api({ q: "zygomorphe", lang: "fr" })).total).toBe(0);
    await updateOrganization(editor, t.database.db, "escap", { profile: { fr: { text: "Brouillon confidentiel zygomorphe.", draft: false } } });
    expect(urls(await api({ q: "zygomorphe", lang: "fr" }))).toEqual(["/fr/network/escap"]);
  });

  it("a change rolled back leaves the index as it was", async () => {
    // A check that fails at commit time, after the service has written the organization, its
    // audit record and its search documents: the whole transaction rolls back.
    await sql`create function refuse_oecd() returns trigger language plpgsql as $$
                begin if new.entity_id = 'oecd' then raise exception 'refused at commit'; end if; return null; end $$`.execute(t.database.db);
    await sql`create constraint trigger refuse_oecd after insert on audit_log deferrable initially deferred
                for each row execute function refuse_oecd()`.execute(t.database.db);
    try {
      await expect(updateOrganization(editor, t.database.db, "oecd", { profile: { en: { text: "Quokkaphile statistics." } } })).rejects.toThrow(/refused at commit/);
    } finally {
      await sql`drop trigger refuse_oecd on audit_log`.execute(t.database.db);
      await sql`drop function refuse_oecd()`.execute(t.database.db);
    }
    expect((await api({ q: "quokkaphile" })).total).toBe(0);
    const stored = await t.database.db.selectFrom("search_documents").select("text").where("kind", "=", "organization").where("record_id", "=", "oecd").execute();
    expect(stored.some((d) => d.text.includes("Quokkaphile"))).toBe(false);
  });

  it("a membership removed through the members service changes the member's text", async () => {
    const before = await api({ q: "uruguay" });
    expect(before.items[0]?.snippet).toMatch(/Member of the MSME Group by/);
    await deleteMembership(editor, t.database.db, "UY");
    const after = await api({ q: "uruguay" });
    expect(after.items[0]?.snippet).toMatch(/Not a member of the MSME Group/);
  });
});

describe("what the public may not see", () => {
  const restricted = (id: string, title: string, until: string | null) =>
    t.database.db
      .insertInto("search_documents")
      .values({ kind: "member", record_id: id, lang: "en", title, text: `${title} restricted text`, url: `/en/members/${id}`, names: title, visibility: "restricted", restricted_until: until ? new Date(until) : null })
      .execute();

  it("never reaches public results, nor their suggestions", async () => {
    await restricted("XS", "Secretland Zyxwvut", null);
    await restricted("XF", "Futureland Zyxwvut", "2999-01-01T00:00:00Z");
    expect(await api({ q: "zyxwvut" })).toEqual({ items: [], total: 0 });
    // A typo of a restricted name suggests nothing.
    expect(await api({ q: "secretlandd" })).toEqual({ items: [], total: 0 });
    const html = (await page("/en/search?q=zyxwvut")).body;
    expect(html).not.toContain("Secretland");
    expect(html).not.toContain("Futureland");
  });

  it("a document restricted until a day is found from that day on", async () => {
    await restricted("XP", "Pastland Qwertzu", "2001-01-01T00:00:00Z");
    expect(urls(await api({ q: "qwertzu" }))).toEqual(["/en/members/XP"]);
  });
});

describe("markup in records", () => {
  it("is shown as text in the page, and the JSON snippet is plain text", async () => {
    const hostile = 'Fintech "><img src=x onerror=alert(1)> <script>alert(1)</script> & <b>bold</b> mentoring';
    await updateOrganization(editor, t.database.db, "wco", { profile: { en: { text: hostile } }, name_en: "World <i>Customs</i> Organization" });
    const r = await api({ q: "fintech mentoring" });
    expect(r.items[0]?.url).toBe("/en/network/wco");
    expect(r.items[0]?.title).toBe("World <i>Customs</i> Organization (WCO)");
    expect(r.items[0]?.snippet).toContain("<img src=x onerror=alert(1)>");
    expect(r.items[0]?.snippet).not.toContain("<mark>");
    expect([MARK_START, MARK_END].some((mark) => r.items[0]?.snippet.includes(mark))).toBe(false);
    const res = await page("/en/search?q=fintech+mentoring");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("World &lt;i>Customs&lt;/i> Organization (WCO)");
    expect(html).toContain("&lt;img src=x onerror=alert(1)>");
    expect(html).not.toMatch(/<img|<script>alert|<i>Customs|<b>bold/);
    expect(html).toMatch(/<mark>Fintech<\/mark>/);
    expect(html).toMatch(/<mark>mentoring<\/mark>/);
  });

  it("control characters in a record cannot fake a highlight", async () => {
    await updateOrganization(editor, t.database.db, "wipo", { profile: { en: { text: `Patents ${MARK_START}faked${MARK_END} marks` } } });
    const html = (await page("/en/search?q=patents&kind=organization")).body;
    expect(html).toMatch(/<mark>Patents<\/mark>/);
    expect(html).not.toMatch(/<mark>faked<\/mark>/);
  });

  it("splits headlines into text and marked words", () => {
    expect(highlights(`a ${MARK_START}b${MARK_END} c`)).toEqual([
      { text: "a ", mark: false },
      { text: "b", mark: true },
      { text: " c", mark: false },
    ]);
    expect(highlights("")).toEqual([]);
  });
});

describe("GET /api/v1/search: bad input", () => {
  const problem = async (query: string) => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/search?${query}` });
    expect(res.statusCode, query).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    return (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
  };
  it("answers 400 problem+json naming each field", async () => {
    expect(await problem("")).toEqual(["q"]);
    expect(await problem("q=%20%20")).toEqual(["q"]);
    expect(await problem(`q=${"x".repeat(201)}`)).toEqual(["q"]);
    expect(await problem("q=a&kind=secret")).toEqual(["kind"]);
    expect(await problem("q=a&lang=de")).toEqual(["lang"]);
    expect(await problem("q=a&limit=0")).toEqual(["limit"]);
    expect(await problem("q=a&limit=101")).toEqual(["limit"]);
    expect(await problem("q=a&offset=-1")).toEqual(["offset"]);
    expect(await problem("q=a&other=1")).toEqual(["other"]);
  });
  it("takes any text as words, operators and quotes included", async () => {
    for (const q of ['"unclosed', "-", "or or or", "a & b | !c", "(((", "'", "\\", "🇺🇾", "<script>", "the", "x:* & y"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/search?${new URLSearchParams({ q })}` });
      expect(res.statusCode, q).toBe(200);
    }
  });
  it("is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    expect(doc.paths["/api/v1/search"]?.get?.parameters?.map((p) => p.name).sort()).toEqual(["kind", "lang", "limit", "offset", "q"]);
  });
});

describe("/{lang}/search", () => {
  it("groups the results by kind with their counts, each linking to its page", async () => {
    const res = await page("/fr/search?q=d%C3%A9veloppement");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    const html = res.body;
    expect(html).toContain('role="search"');
    expect(html).toMatch(/<h2 id="results-organization">Organisations du Réseau \(\d+\)<\/h2>/);
    expect(html).toContain('href="/fr/network/adb"');
    // An organization without a profile shows its type; one whose profile is not translated yet
    // shows it in its own language, and says so.
    expect(html).toContain('<a href="/fr/network/idb">Banque interaméricaine de développement (BID)</a></h3><p class="snippet"><span>Banque de </span><mark>développement</mark></p>');
    // ... apart, after those in French, under a heading that says so, its language named.
    expect(html).toMatch(
      /<section class="other-languages" aria-labelledby="results-other"><h2 id="results-other">Dans d’autres langues \(\d+\)<\/h2><p class="hint">Pas encore traduits en français[^<]*<\/p><ol class="search-results">(<li>.*?<\/li>)*<li><h3><a href="\/fr\/network\/adb">Banque asiatique de développement \(BAsD\)<\/a><\/h3><p class="meta">Organisations du Réseau · En anglais<\/p><p class="snippet" lang="en"><span>The Asian Development Bank/,
    );
    expect(html.indexOf('href="/fr/network/adb"')).toBeGreaterThan(html.indexOf('href="/fr/network/idb"'));
  });

  it("shows the best five of each kind and links to all of them, page by page", async () => {
    const overview = (await page("/en/search?q=republic")).body;
    const count = Number(/Members \((\d+)\)<\/h2>/.exec(overview)?.[1]);
    expect(count).toBeGreaterThan(5);
    expect(overview).toContain(`All ${count} results: Members`);
    expect(overview.match(/<li><h3>/g)?.length).toBeLessThanOrEqual(10);
    const list = (await page("/en/search?q=msme&kind=member")).body;
    expect(list).toMatch(/<nav class="pagination"/);
    expect(list).toContain('href="/en/search?q=msme&amp;kind=member&amp;page=2"');
    const second = await page("/en/search?q=msme&kind=member&page=2");
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('<span aria-current="page">2</span>');
  });

  it("offers the correction as a link, with its results", async () => {
    const html = (await page("/es/search?q=urugay")).body;
    expect(html).toContain("Ningún resultado para «urugay».");
    expect(html).toContain('<a href="/es/search?q=uruguay"><strong>uruguay</strong></a>');
    expect(html).toContain('href="/es/members/UY"');
  });

  it("says clearly when nothing is found", async () => {
    const html = (await page("/en/search?q=qqqqxxxx")).body;
    expect(html).toContain("Nothing matches “qqqqxxxx”.");
    expect(html).toContain("Check the spelling");
  });

  it("shows the form alone without words, and a field error with the words kept", async () => {
    const empty = await page("/en/search?q=+");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="field-q"');
    const long = `${"é".repeat(201)}<x>`;
    const bad = await page(`/en/search?q=${encodeURIComponent(long)}&kind=nope`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-q"');
    expect(bad.body).toContain('href="#field-kind"');
    expect(bad.body).toContain(`value="${"é".repeat(201)}&lt;x>"`);
  });

  it("every page has the search box in its header", async () => {
    for (const path of ["/en/", "/fr/members", "/es/network/itc"]) {
      const html = (await page(path)).body;
      const lang = path.slice(1, 3);
      expect(html, path).toMatch(new RegExp(`<form class="site-search" method="get" action="/${lang}/search" role="search" aria-label="[^"]+">`));
      expect(html).toMatch(/<label class="visually-hidden" for="site-search-q">[^<]+<\/label><input id="site-search-q" type="search" name="q"/);
    }
  });
});

describe("trade4msmes search reindex", () => {
  it("rebuilds the index: every record in three languages, nothing else", async () => {
    const db = t.database.db;
    // Damage the index: a document missing, one stale, one of a kind nobody declares.
    await db.deleteFrom("search_documents").where("kind", "=", "member").where("record_id", "=", "AR").execute();
    await db.updateTable("search_documents").set({ title: "Stale" }).where("record_id", "=", "itc").execute();
    await db.insertInto("search_documents").values({ kind: "gone", record_id: "1", lang: "en", title: "Gone", text: "", url: "/en/gone", names: "", visibility: "public", restricted_until: null }).execute();
    const { code, stdout } = await runCli({ DATABASE_URL: t.database.url }, "search", "reindex");
    expect(code).toBe(0);
    const economies = Number((await sql<{ n: number }>`select count(*)::int as n from economies`.execute(db)).rows[0]?.n);
    const organizations = Number((await sql<{ n: number }>`select count(*)::int as n from organizations`.execute(db)).rows[0]?.n);
    // participation (issue 12): the events are indexed too
    const events = Number((await sql<{ n: number }>`select count(*)::int as n from events`.execute(db)).rows[0]?.n);
    expect(stdout).toContain(`search: event: ${events} records, ${events * 3} documents`);
    expect(stdout).toContain(`search: member: ${economies} records, ${economies * 3} documents`);
    expect(stdout).toContain(`search: organization: ${organizations} records, ${organizations * 3} documents`);
    expect(stdout).toMatch(/removed 1 documents? of kinds no module declares/);
    // Every kind a module declares is rebuilt, and says how many it wrote: what the index now holds.
    const counts = await db.selectFrom("search_documents").select(["kind", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("kind").orderBy("kind").execute();
    const held = new Map(counts.map((c) => [c.kind, Number(c.n)]));
    const reported = new Map([...stdout.matchAll(/search: ([a-z_]+): (\d+) records, (\d+) documents/g)].map((m) => [m[1] ?? "", { records: Number(m[2]), documents: Number(m[3]) }]));
    expect([...reported.keys()].sort()).toEqual(searchKinds().map((k) => k.name).sort());
    expect([...held.keys()].every((kind) => reported.has(kind)), "no kind left in the index that no module declares").toBe(true);
    for (const [kind, { documents }] of reported) expect(held.get(kind) ?? 0, kind).toBe(documents);
    expect(held.get("member")).toBe(economies * 3);
    expect(held.get("organization")).toBe(organizations * 3);
    const records = [...reported.values()].reduce((sum, r) => sum + r.records, 0);
    const documents = [...reported.values()].reduce((sum, r) => sum + r.documents, 0);
    expect(stdout).toContain(`Reindexed ${records} records as ${documents} documents`);
    expect((await api({ q: "argentina" })).items[0]?.url).toBe("/en/members/AR");
    expect((await db.selectFrom("search_documents").select("title").where("record_id", "=", "itc").where("lang", "=", "en").executeTakeFirstOrThrow()).title).toBe(
      "International Trade Centre (ITC)",
    );
  }, 120_000);
});
