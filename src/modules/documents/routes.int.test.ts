import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { systemActor } from "../../actor.js";
import * as documents from "./service.js";

let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let delegate: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "60" });
  editor = await visitor(t.app, "editor@demo.test");
  delegate = await visitor(t.app, "delegate-uy@demo.test");
  const base = { kind: "working_document", date: "2024-05-06", title_verified: false, restricted_until: null, source: "routes test" };
  await documents.createDocument(systemActor("test"), t.database.db, { ...base, symbol: "INF/MSME/W/950", restriction: "restricted", title: { en: { text: "Zorblatt confidential paper" } } });
  await documents.createDocument(systemActor("test"), t.database.db, { ...base, symbol: "INF/MSME/W/951", restriction: "public", title: { en: { text: "Zorblatt open paper" } } });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });

describe("the API", () => {
  it("lists with filters as { items, total }, the symbol as a string", async () => {
    const res = await get("/api/v1/documents?prefix=INF/MSME/CN&lang=fr");
    expect(res.statusCode).toBe(200);
    const list = res.json() as { items: { symbol: string; title: string; kind: string }[]; total: number };
    expect(list.total).toBe(5);
    expect(list.items.map((d) => d.symbol)).toEqual(["INF/MSME/CN/15", "INF/MSME/CN/16", "INF/MSME/CN/17", "INF/MSME/CN/18", "INF/MSME/CN/19"]);
    expect(list.items[0]?.title).toBe("Convocation de la réunion non limitée du 8 février 2022");
    expect((await get("/api/v1/documents?symbol=inf/msme/r/31")).json()).toMatchObject({ total: 1, items: [{ symbol: "INF/MSME/R/31" }] });
    expect((await get("/api/v1/documents?kind=annual_report&year=2020")).json()).toMatchObject({ total: 1, items: [{ symbol: "INF/MSME/R/21" }] });
    expect((await get("/api/v1/documents?q=literature")).json()).toMatchObject({ total: 1, items: [{ symbol: "INF/MSME/W/40" }] });
  });

  it("refuses bad filters as problem+json, per field", async () => {
    for (const url of ["/api/v1/documents?symbol=not%20a%20symbol", "/api/v1/documents?year=abc", "/api/v1/documents?kind=memo", "/api/v1/documents?limit=100000"]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
  });

  it("gives one document by its symbol, slashes kept, with its chain and files", async () => {
    const res = await get("/api/v1/documents/INF/MSME/W/35/Corr.1?lang=es");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ symbol: "INF/MSME/W/35/Corr.1", kind: "working_document", titleLang: "en", files: [], chain: [{ symbol: "INF/MSME/W/35/Corr.1" }] });
    expect((await get("/api/v1/documents/inf/msme/w/35/corr.1")).statusCode).toBe(200);
    expect((await get("/api/v1/documents/INF/MSME/W/9999")).statusCode).toBe(404);
    expect((await get("/api/v1/documents/..%2F..%2Fetc")).statusCode).toBe(404);
  });

  it("is in the OpenAPI description", async () => {
    const spec = (await get("/api/openapi.json")).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/documents", "/api/v1/documents.csv", "/api/v1/documents.json", "/api/v1/documents/{*}"]));
  });
});

describe("pages", () => {
  it("the list: filters kept, table, CSV and JSON links, in three languages", async () => {
    for (const [lang, heading] of [["en", "Document registry"], ["fr", "Registre des documents"], ["es", "Registro de documentos"]] as const) {
      const res = await get(`/${lang}/documents?prefix=INF%2FMSME%2FR&kind=summary_report`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<h1>${heading}</h1>`);
      expect(res.body).toContain('value="INF/MSME/R"');
      expect(res.body).toContain(`href="/${lang}/documents/INF/MSME/R/31"`);
      expect(res.body).toContain("/api/v1/documents.csv?prefix=INF%2FMSME%2FR&amp;kind=summary_report&amp;lang=");
    }
    const bad = await get("/fr/documents?year=19x");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="19x"');
    expect(bad.body).toContain("error-summary");
  });

  it("a document page: title with its fallback note, kind, date, restriction, source, chain", async () => {
    const fr = await get("/fr/documents/INF/MSME/CN/19");
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('<span class="symbol">INF/MSME/CN/19</span>');
    expect(fr.body).toContain("pas encore disponible en français"); // the kit's fallback note
    expect(fr.body).toContain('lang="en"');
    expect(fr.body).toContain("Convocation");
    expect(fr.body).toContain("titre du document lui-même");
    const en = await get("/en/documents/JOB/GC/207");
    expect(en.body).toContain("December 3, 2018");
    expect(en.body).toContain("Annual report");
    expect(en.body).toContain("footnote 2");
  });

  it("sends a symbol typed differently to its canonical address (301)", async () => {
    const res = await get("/es/documents/inf/msme/w/35/corr.1");
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/es/documents/INF/MSME/W/35/Corr.1");
    const spaced = await get("/en/documents/INF%20/MSME/R/031");
    expect(spaced.headers.location).toBe("/en/documents/INF/MSME/R/31");
  });

  it("an unknown valid symbol: 'not yet in the registry' with its parts; an invalid one: the problem", async () => {
    const missing = await get("/en/documents/INF/MSME/W/777/Rev.2");
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("INF/MSME/W/777/Rev.2 is not yet in the registry");
    expect(missing.body).toContain("<dd>777</dd>");
    expect(missing.body).toContain("revision 2");
    expect(missing.body).toContain('<dd class="symbol">INF/MSME</dd>');
    const es = await get("/es/documents/WT/MIN(22)/9");
    expect(es.body).toContain("aún no figura en el registro");
    const invalid = await get("/fr/documents/INF/MSME/W");
    expect(invalid.statusCode).toBe(404);
    expect(invalid.body).toContain("Ce n'est pas une cote de document");
    expect(invalid.body).toContain("ne comporte pas de numéro de document");
  });
});

describe("a joint symbol", () => {
  it("is filed under its first part: its page, its API entry, and a redirect from the joint spelling", async () => {
    const base = { kind: "working_document", date: null, title_verified: false, restriction: "public", restricted_until: null, source: "routes test" };
    await documents.createDocument(systemActor("test"), t.database.db, { ...base, symbol: "INF/MSME/W/58 - INF/TGE/COM/11", title: { en: { text: "A joint paper" } } });
    const page = await get("/en/documents/INF/MSME/W/58");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("INF/MSME/W/58 – INF/TGE/COM/11");
    const joint = await get(`/en/documents/${encodeURIComponent("INF/MSME/W/58 – INF/TGE/COM/11").replaceAll("%2F", "/")}`);
    expect(joint.statusCode).toBe(301);
    expect(joint.headers.location).toBe("/en/documents/INF/MSME/W/58");
    expect((await get("/api/v1/documents?symbol=INF/MSME/W/58")).json()).toMatchObject({ total: 1, items: [{ symbol: "INF/MSME/W/58 – INF/TGE/COM/11" }] });
    // The same document cannot be entered again under its first part alone.
    await expect(documents.createDocument(systemActor("test"), t.database.db, { ...base, symbol: "INF/MSME/W/58", title: { en: { text: "Again" } } })).rejects.toMatchObject({ status: 409 });
  });
});

describe("restricted documents", () => {
  it("never reach the public: list, page, API, search, feed, sitemap; the Secretariat sees them", async () => {
    const checks = async (as: (url: string) => Promise<{ statusCode: number; body: string }>) => ({
      list: (await as("/en/documents?q=zorblatt")).body.includes("INF/MSME/W/950"),
      page: (await as("/en/documents/INF/MSME/W/950")).statusCode,
      api: (await as("/api/v1/documents?q=zorblatt")).body.includes("INF/MSME/W/950"),
      item: (await as("/api/v1/documents/INF/MSME/W/950")).statusCode,
      csv: (await as("/api/v1/documents.csv?q=zorblatt")).body.includes("INF/MSME/W/950"),
      search: (await as("/en/search?q=zorblatt")).body.includes("INF/MSME/W/950"),
      searchApi: (await as("/api/v1/search?q=zorblatt")).body.includes("INF/MSME/W/950"),
      feed: (await as("/en/feeds/new-documents.atom")).body.includes("INF/MSME/W/950"),
      sitemap: (await as("/sitemap.xml")).body.includes("INF/MSME/W/950"),
    });
    const hidden = { list: false, page: 404, api: false, item: 404, csv: false, search: false, searchApi: false, feed: false, sitemap: false };
    expect(await checks(get)).toEqual(hidden);
    expect(await checks(delegate.get)).toEqual(hidden);
    // The public one is everywhere.
    expect((await get("/en/documents?q=zorblatt")).body).toContain("INF/MSME/W/951");
    expect((await get("/en/feeds/new-documents.atom")).body).toContain("INF/MSME/W/951");
    expect((await get("/sitemap.xml")).body).toContain("/documents/INF/MSME/W/951");
    const staff = await checks(editor.get);
    expect(staff).toMatchObject({ list: true, page: 200, api: true, item: 200, csv: true, search: true, searchApi: true, feed: false, sitemap: false });
  });
});

describe("the site search", () => {
  it("goes straight to the document when the whole query is a symbol in the registry", async () => {
    const res = await get("/fr/search?q=inf%2Fmsme%2Fr%2F31");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fr/documents/INF/MSME/R/31");
    // Not for a restricted one the reader may not see, nor for a symbol not in the registry.
    expect((await get("/en/search?q=INF/MSME/W/950")).statusCode).toBe(200);
    expect((await editor.get("/en/search?q=INF/MSME/W/950")).statusCode).toBe(303);
    expect((await get("/en/search?q=INF/MSME/W/777")).statusCode).toBe(200);
  });
});
