import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCollection } from "../src/modules/audit/collection.js";
import { documentsCollection } from "../src/modules/documents/collection.js";
import { membersCollection } from "../src/modules/members/collection.js";
import { organizationsCollection } from "../src/modules/network/collection.js";
// package (issue 11)
import { implementationCollection } from "../src/modules/package/collection.js";
// reviews (issue 11)
import { definitionsCollection, reviewsCollection } from "../src/modules/reviews/collection.js";
import { meetingsCollection } from "../src/modules/meetings/collection.js";
// agreements (issue 10)
import { agreementsCollection } from "../src/modules/agreements/collection.js";
import { eventsCollection } from "../src/modules/events/collection.js";
// recommendations from traders (INF/MSME/P)
import { recommendationsCollection } from "../src/modules/recommendations/collection.js";
import { EconomyForm, MembershipForm, Note } from "../src/modules/members/schema.js";
import type { CollectionColumn } from "../src/ui/collection.js";
// knowledge
import { glossaryCollection, guidesCollection, toolsCollection, topicsCollection } from "../src/modules/knowledge/collection.js";
import { fieldSchema, maxLengthOf } from "../src/ui/limits.js";
import { testApp } from "./app.js";
import { visitor } from "./session.js";

/**
 * Every list is one declaration (src/http/collections.ts) giving a page, a JSON list and CSV and
 * JSON downloads: for the same query they must hold the same rows in the same order.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp();
  editor = await visitor(t.app, "editor@demo.test");
});
afterAll(() => t.close());

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();

/** What names each row of a page's table (its `<th scope="row">`), in order. */
const rowHeaders = (html: string) => [...html.matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => decode(m[1] ?? ""));

interface Case {
  name: string;
  columns: readonly CollectionColumn<never>[];
  page: string;
  api: string;
  signedIn?: boolean;
  /** The API address, when the page's path does not tell it. */
  apiBase?: string;
  /** The page's row header shows the CSV value in another form (dates as people read them). */
  sameRows?: (html: string[], csv: string[]) => void;
}

const cases: Case[] = [
  // meetings
  { name: "meetings", columns: meetingsCollection.columns as never, page: "/fr/meetings?year=2022", api: "year=2022&lang=fr", apiBase: "/api/v1/meetings" },
  {
    name: "members",
    columns: membersCollection.columns as never,
    page: "/fr/members?region=europe&q=an",
    api: "group=msme&lang=fr&region=europe&q=an",
  },
  {
    name: "the Network",
    columns: organizationsCollection.columns as never,
    page: "/es/network?kind=regional_commission",
    api: "lang=es&kind=regional_commission",
  },
  // documents (registry)
  {
    name: "documents",
    columns: documentsCollection.columns as never,
    page: "/fr/documents?prefix=INF%2FMSME&year=",
    api: "lang=fr&prefix=INF%2FMSME",
  },
  {
    name: "documents, newest first",
    columns: documentsCollection.columns as never,
    page: "/es/documents?kind=summary_report",
    api: "lang=es&kind=summary_report",
  },
  {
    name: "the audit log",
    columns: auditCollection.columns as never,
    page: "/en/admin/audit?entity=organization&action=create",
    api: "entity=organization&action=create",
    signedIn: true,
    // Rows are named by their time, shown to the minute: compare the count and the order of ids.
    sameRows: (html, csv) => expect(html.length).toBe(csv.length),
  },
  // agreements (issue 10)
  {
    name: "agreements",
    columns: agreementsCollection.columns as never,
    page: "/fr/agreements?party=FR&msme=yes&sort=name",
    api: "party=FR&msme=yes&sort=name&lang=fr",
    apiBase: "/api/v1/agreements",
    // The chart's table of figures names its rows by year: the list is the rest.
    sameRows: (html, csv) => expect(html.filter((h) => !/^\d{4}$/.test(h))).toEqual(csv),
  },
  // participation (issue 12)
  {
    name: "events",
    columns: eventsCollection.columns as never,
    page: "/fr/events?year=2022",
    api: "lang=fr&year=2022",
    apiBase: "/api/v1/events",
  },
  // recommendations from traders (INF/MSME/P): the 2022 records
  {
    name: "recommendations from traders",
    columns: recommendationsCollection.columns as never,
    page: "/fr/recommendations?year=2022",
    api: "lang=fr&year=2022",
    apiBase: "/api/v1/recommendations",
  },
  // package (issue 11): the tracker's matrix names its rows first (the totals and quarters follow).
  {
    name: "the MSME Package's implementation records",
    columns: implementationCollection.columns as never,
    page: "/en/package?annex=5&status=done",
    api: "annex=5&status=done&lang=en",
    apiBase: "/api/v1/package/implementation",
    sameRows: (html, csv) => {
      expect(csv).toEqual(["Canada", "Uruguay"]);
      expect(html.slice(0, csv.length)).toEqual(csv);
      expect(html[csv.length]).toBe("Annex 5");
    },
  },
  // reviews (issue 11)
  {
    name: "Trade Policy Reviews",
    columns: reviewsCollection.columns as never,
    page: "/es/reviews?year=2022",
    api: "year=2022&lang=es",
    apiBase: "/api/v1/reviews",
    // The page names a review by its members' names, the CSV by their codes.
    sameRows: (html, csv) => {
      expect(csv.sort()).toEqual(["CH", "MX"]);
      expect(html.sort()).toEqual(["México", "Suiza"]);
    },
  },
  {
    name: "MSME definitions compared",
    columns: definitionsCollection.columns as never,
    page: "/fr/reviews/definitions?sizeClass=medium",
    api: "sizeClass=medium&lang=fr",
    apiBase: "/api/v1/reviews/definitions",
  },
];

describe.each(cases)("the list of $name", ({ columns, page, api, signedIn, sameRows, apiBase }) => {
  const get = (url: string) => (signedIn ? editor.get(url) : t.app.inject({ method: "GET", url }));
  const key = columns.find((c) => c.rowHeader);
  const base = apiBase ?? (page.startsWith("/en/admin/audit")
    ? "/api/v1/audit"
    : page.includes("/members")
      ? "/api/v1/members"
      : page.includes("/documents")
        ? "/api/v1/documents"
        : "/api/v1/organizations");

  it("has the same rows in its page, its JSON, its CSV and its JSON download", async () => {
    const html = await get(page);
    expect(html.statusCode).toBe(200);
    const onPage = rowHeaders(html.body);
    expect(onPage.length).toBeGreaterThan(1);

    const json = await get(`${base}?${api}&limit=500`);
    expect(json.statusCode).toBe(200);
    const list = JSON.parse(json.body) as { items: never[]; total: number };
    expect(list.total).toBe(list.items.length);
    const fromJson = list.items.map((item) => String(key?.csv?.(item)));

    const csv = await get(`${base}.csv?${api}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    expect(csv.body.startsWith("\ufeff")).toBe(true);
    const [header, ...rows] = parse(csv.body.slice(1)) as string[][];
    expect(header).toEqual(columns.filter((c) => c.csv).map((c) => c.key));
    const fromCsv = rows.map((r) => r[header?.indexOf(key?.key ?? "") ?? -1] ?? "");

    const file = await get(`${base}.json?${api}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/\.json"$/);
    const download = JSON.parse(file.body) as { items: never[]; total: number };
    expect(download).toEqual(list);

    expect(fromCsv).toEqual(fromJson);
    if (sameRows) sameRows(onPage, fromCsv);
    else expect(onPage).toEqual(fromCsv);
  });

  it("refuses an unknown filter in the API and the downloads, per field", async () => {
    for (const url of [`${base}?${api}&colour=red`, `${base}.csv?${api}&colour=red`, `${base}.json?${api}&colour=red`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
  });
});

// knowledge: its lists are shown as lists of links, not tables; the API and both downloads must agree.
describe.each([
  { name: "guides", collection: guidesCollection, query: "lang=fr&audience=business&track=goods" },
  { name: "topics", collection: topicsCollection, query: "lang=es&added2022=yes" },
  { name: "glossary terms", collection: glossaryCollection, query: "lang=fr&translation=current" },
  { name: "tools", collection: toolsCollection, query: "lang=es&cost=free" },
])("the knowledge list of $name", ({ collection, query }) => {
  it("has the same rows, in the same order, in its JSON, its CSV and its JSON download, and pages", async () => {
    const get = (url: string) => t.app.inject({ method: "GET", url });
    const list = JSON.parse((await get(`${collection.api}?${query}&limit=500`)).body) as { items: { slug: string }[]; total: number };
    expect(list.total).toBe(list.items.length);
    expect(list.total).toBeGreaterThan(1);
    const csv = await get(`${collection.api}.csv?${query}`);
    const [header, ...rows] = parse(csv.body.slice(1)) as string[][];
    expect(header).toEqual(collection.columns.filter((c) => c.csv).map((c) => c.key));
    expect(rows.map((r) => r[0])).toEqual(list.items.map((i) => i.slug));
    expect(JSON.parse((await get(`${collection.api}.json?${query}`)).body)).toEqual(list);
    const page = JSON.parse((await get(`${collection.api}?${query}&limit=1&offset=1`)).body) as { items: { slug: string }[]; total: number };
    expect(page).toEqual({ items: [list.items[1]], total: list.total });
    expect((await get(`${collection.api}?${query}&colour=red`)).statusCode).toBe(400);
  });
});

describe("downloads", () => {
  it("send every row of a large list, read in batches (one transaction's rows share a time)", async () => {
    const n = 2500;
    await sql`insert into audit_log (actor, action, entity, entity_id, after)
              select 'system:test', 'create', 'probe', 'p' || i, jsonb_build_object('i', i) from generate_series(1, ${n}) i`.execute(t.database.db);
    const csv = await editor.get("/api/v1/audit.csv?entity=probe");
    const rows = (parse(csv.body.slice(1)) as string[][]).slice(1);
    expect(rows.length).toBe(n);
    expect(new Set(rows.map((r) => r[5])).size).toBe(n);
    const json = JSON.parse((await editor.get("/api/v1/audit.json?entity=probe")).body) as { items: { entityId: string }[]; total: number };
    expect(json.total).toBe(n);
    expect(json.items.map((e) => e.entityId)).toEqual(rows.map((r) => r[5]));
  });

  it("of the audit log are refused to the public before the query is read", async () => {
    for (const url of ["/api/v1/audit.csv?from=nonsense", "/api/v1/audit.json"]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(401);
    }
  });

  it("the members list pages in the API with the same total", async () => {
    const all = JSON.parse((await t.app.inject({ method: "GET", url: "/api/v1/members?group=msme" })).body) as { items: { code: string }[]; total: number };
    const page = JSON.parse((await t.app.inject({ method: "GET", url: "/api/v1/members?group=msme&limit=10&offset=10" })).body) as { items: { code: string }[]; total: number };
    expect(page.total).toBe(all.total);
    expect(page.items.map((m) => m.code)).toEqual(all.items.slice(10, 20).map((m) => m.code));
  });

  it("the organizations API is paged too", async () => {
    const page = JSON.parse((await t.app.inject({ method: "GET", url: "/api/v1/organizations?limit=5&offset=15" })).body) as { items: unknown[]; total: number };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(17);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/organizations?limit=501" })).statusCode).toBe(400);
  });
});

describe("forms", () => {
  it("take their maxlength from the schema, filters and back-office forms alike", async () => {
    const form = await editor.get("/en/admin/members/UY");
    for (const [field, schema] of [
      ["name_en", EconomyForm],
      ["source", EconomyForm],
      ["source", MembershipForm],
    ] as const) {
      const max = maxLengthOf(fieldSchema(schema, field));
      expect(max, field).toBeGreaterThan(0);
      expect(form.body).toMatch(new RegExp(`name="${field}"[^>]*maxlength="${max}"`, "i"));
    }
    // A translatable note: a textarea per language, each with the limit of the note's schema.
    expect(maxLengthOf(Note.text)).toBe(1000);
    for (const lang of ["en", "fr", "es"]) expect(form.body).toMatch(new RegExp(`name="note\\.${lang}\\.text"[^>]*maxlength="1000"`, "i"));
    const res = await t.app.inject({ method: "GET", url: "/en/members" });
    expect(res.body).toMatch(/<input[^>]*name="q"[^>]*maxLength="100"|<input[^>]*maxlength="100"[^>]*name="q"/i);
  });
});

describe("refusals", () => {
  it("carry the same codes in every module: 401 unauthenticated for the public", async () => {
    for (const url of ["/api/v1/audit", "/api/v1/audit.csv", "/api/v1/audit.json", "/api/v1/users"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
      expect(JSON.parse(res.body).code, url).toBe("unauthenticated");
    }
  });
});

describe("a record's history", () => {
  it("is shown a page at a time beside the record's form, newest first", async () => {
    await sql`insert into audit_log (actor, action, entity, entity_id, before, after, at)
              select 'system:test', 'update', 'organization', 'wipo', jsonb_build_object('n', i - 1), jsonb_build_object('n', i), now() + i * interval '1 second'
              from generate_series(1, 45) i`.execute(t.database.db);
    const rowsOf = (html: string) => [...html.slice(html.indexOf('id="history-title"')).matchAll(/<ins>(\d+)<\/ins>/g)].map((m) => Number(m[1]));
    const first = await editor.get("/en/admin/network/wipo");
    expect(rowsOf(first.body).slice(0, 3)).toEqual([45, 44, 43]);
    expect(rowsOf(first.body)).toHaveLength(20);
    expect(first.body).toContain('href="/en/admin/network/wipo?history=2#history-title"');
    const third = await editor.get("/en/admin/network/wipo?history=3");
    expect(rowsOf(third.body)[0]).toBe(5);
    // Nonsense asks for the first page, never an error.
    expect(rowsOf((await editor.get("/en/admin/network/wipo?history=-1")).body)[0]).toBe(45);
  });
});
