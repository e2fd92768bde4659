import { readFileSync } from "node:fs";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { systemActor } from "../../actor.js";
import { historyOf } from "../audit/service.js";
import { seedMembers } from "./service.js";
import { importMemberList } from "./service.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const json = async (url: string) => {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("GET /api/v1/members", () => {
  it("gives the 95 members of the MSME Group at the end of 2022, fewer before", async () => {
    expect((await json("/api/v1/members?group=msme&date=2022-12-31")).total).toBe(95);
    // Tajikistan joined in May 2022; The Gambia, Georgia and Macao, China in late 2021.
    expect((await json("/api/v1/members?group=msme&date=2022-03-01")).total).toBe(94);
    expect((await json("/api/v1/members?group=msme&date=2021-06-30")).total).toBe(91);
    expect((await json("/api/v1/members?group=msme&date=2016-01-01")).total).toBe(0);
  });

  it("lists all WTO members without a group, by accession date", async () => {
    const today = await json("/api/v1/members");
    expect(today.total).toBe(166);
    const before = await json("/api/v1/members?date=2024-01-01");
    expect(before.items.map((m: { code: string }) => m.code)).not.toContain("KM"); // Comoros joined in August 2024
  });

  it("finds names in the chosen language with accents ignored", async () => {
    const fr = await json("/api/v1/members?group=msme&lang=fr&q=cote");
    expect(fr.items.map((m: { name: string }) => m.name)).toEqual(["Côte d'Ivoire"]);
    const es = await json("/api/v1/members?group=msme&lang=es&q=TAIPEI");
    expect(es.items[0]).toMatchObject({ code: "TW", name: "Taipei Chino" });
    // A % in the query is text, not a wildcard.
    expect((await json("/api/v1/members?group=msme&q=%25")).total).toBe(0);
  });

  it("writes names in WTO style in all three languages", async () => {
    const hk = (await json("/api/v1/members?group=msme&q=hong")).items[0];
    expect(hk.names).toEqual({ en: "Hong Kong, China", fr: "Hong Kong, Chine", es: "Hong Kong, China" });
    const tw = (await json("/api/v1/members/TW")).names;
    expect(tw).toEqual({ en: "Chinese Taipei", fr: "Taipei chinois", es: "Taipei Chino" });
    expect((await json("/api/v1/members/TR")).name).toBe("Türkiye");
    expect((await json("/api/v1/members/VN")).name).toBe("Viet Nam");
  });

  it("filters by region and sorts by name in the page's language", async () => {
    const { items } = await json("/api/v1/members?group=msme&region=europe&lang=fr");
    expect(items.length).toBeGreaterThan(28);
    expect(items.every((m: { region: string }) => m.region === "europe")).toBe(true);
    const names = items.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, "fr")));
  });

  it("carries the source of every membership", async () => {
    const { items } = await json("/api/v1/members?group=msme&date=2022-12-31");
    expect(items.every((m: { msme: { source: string } }) => m.msme.source.length > 0)).toBe(true);
    const tj = items.find((m: { code: string }) => m.code === "TJ");
    expect(tj.msme).toMatchObject({ joinedOn: "2022-05-01", precision: "month", source: "INF/MSME/R/33" });
  });

  it("answers bad input with problem+json naming the field, never a 500", async () => {
    const res = await get("/api/v1/members?date=2022-13-45&group=wto");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(["date", "group"]);
    expect((await get("/api/v1/members?unknown=1")).statusCode).toBe(400);
    const fr = await get("/api/v1/members?date=nope&lang=fr");
    expect(fr.json().title).toBe("Une partie de ce qui a été envoyé n'est pas valable");
  });

  it("never fails with a 500 whatever the query", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("group", "date", "region", "q", "lang", "limit", "offset", "x"), fc.string({ maxLength: 30 })),
        async (query) => {
          const qs = new URLSearchParams(query).toString();
          for (const url of [`/api/v1/members?${qs}`, `/en/members?${qs}`]) {
            const res = await get(url);
            expect([200, 400], `${url} → ${res.statusCode}`).toContain(res.statusCode);
            if (url.startsWith("/en")) expect(res.body).not.toMatch(/<script/i);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("GET /api/v1/members/:code", () => {
  it("gives the European Union with its member states on a day", async () => {
    expect((await json("/api/v1/members/EU?date=2022-12-31")).parts).toHaveLength(27);
    const in2019 = await json("/api/v1/members/EU?date=2019-06-01");
    expect(in2019.parts.map((p: { code: string }) => p.code)).toContain("GB");
    expect((await json("/api/v1/members/FR")).partOf).toEqual([{ code: "EU", name: "European Union" }]);
  });

  it("answers 404 problem+json for an unknown or malformed code", async () => {
    const res = await get("/api/v1/members/ZZ");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect((await get("/api/v1/members/uruguay")).statusCode).toBe(404);
  });
});

describe("GET /api/v1/members.csv", () => {
  it("downloads the same list as CSV, names in the chosen language", async () => {
    const res = await get("/api/v1/members.csv?group=msme&date=2022-12-31&lang=fr");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/msme-group-members-2022-12-31\.csv/);
    const lines = res.body.replace(/^\ufeff/, "").trim().split("\n");
    expect(lines).toHaveLength(96);
    expect(lines[0]).toMatch(/^code,name,name_en,name_fr,name_es/);
    expect(res.body).toContain('HK,"Hong Kong, Chine"');
  });
});

describe("OpenAPI", () => {
  it("describes every API endpoint, generated from the schemas", async () => {
    const doc = await json("/api/openapi.json");
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/members", "/api/v1/members.csv", "/api/v1/members/{code}"]),
    );
    const params = doc.paths["/api/v1/members"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["group", "date", "region", "q", "lang"]));
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/{lang}"))).toBe(false);
  });
});

describe("members pages", () => {
  it("lists the 95 members with a map, in each language", async () => {
    for (const [lang, heading] of [["en", "Members of the MSME Group"], ["fr", "Membres du Groupe MPME"], ["es", "Miembros del Grupo MIPYMES"]]) {
      const res = await get(`/${lang}/members?date=2022-12-31`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(heading);
      const rows = res.body.split("<tbody>")[1]?.split("</tbody>")[0]?.match(/<tr>/g) ?? [];
      expect(rows).toHaveLength(95);
      expect(res.body).toMatch(/<svg[^>]+role="img"/);
    }
  });

  it("keeps what the visitor typed and says what is wrong, in their language", async () => {
    const res = await get("/fr/members?date=31%2F12%2F2022&q=chine");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Il y a un problème");
    expect(res.body).toContain('value="31/12/2022"');
    expect(res.body).toContain('value="chine"');
    expect(res.body).toContain('href="#field-date"');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("escapes what the visitor typed", async () => {
    const res = await get(`/en/members?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("<script>alert(1)</script>");
    expect(res.body).toContain("&lt;script>alert(1)&lt;/script>");
  });

  it("shows a member's page and sends lower-case codes to the canonical address", async () => {
    const res = await get("/es/members/UY");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>Uruguay</h1>");
    expect(res.body).toContain('hreflang="fr" href="http://localhost:3000/fr/members/UY"');
    const lower = await get("/en/members/uy");
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe("/en/members/UY");
    const eu = await get("/fr/members/EU");
    expect(eu.body).toContain("27 États membres");
  });

  it("answers unknown members and languages with a 404 page", async () => {
    const res = await get("/fr/members/ZZ");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Page introuvable");
    expect((await get("/de/members")).statusCode).toBe(404);
  });

  it("serves a fresh page after the data change in another process", async () => {
    const before = await get("/en/members/UY");
    expect(before.body).toContain("<h1>Uruguay</h1>");
    await sql`update economies set name_en = 'Uruguay (renamed)' where code = 'UY'`.execute(t.database.db);
    let after = "";
    for (let i = 0; i < 50 && !after.includes("renamed"); i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = (await get("/en/members/UY")).body;
    }
    expect(after).toContain("<h1>Uruguay (renamed)</h1>");
    await sql`update economies set name_en = 'Uruguay' where code = 'UY'`.execute(t.database.db);
  });

  it("answers If-None-Match with 304 for an unchanged page", async () => {
    const first = await get("/en/");
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await get("/en/", { "if-none-match": etag })).statusCode).toBe(304);
  });
});

/** The 2022 annual report's footnote listing the members, as the report gives it (see import.test.ts). */
const FOOTNOTE = new URL("./fixtures/footnote-2022.txt", import.meta.url);

describe("importMemberList", () => {
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from group_memberships`.execute(t.database.db)).rows[0]?.n);

  it("imports the annual report's footnote: 95 members, Tajikistan added when missing", async () => {
    await sql`delete from group_memberships where economy_code = 'TJ'`.execute(t.database.db);
    const footnote = readFileSync(FOOTNOTE, "utf8");
    const report = await importMemberList(systemActor("test"), t.database.db, footnote, {
      group: "msme",
      date: "2022-12-31",
      source: "INF/MSME/R/35",
    });
    expect(report).toMatchObject({ listed: 95, added: ["TJ"], alreadyMembers: 94, unknown: [], notListed: [], written: true });
    expect(await count()).toBe(95);
    const history = (await historyOf(t.database.db, { entity: "group_membership", entityId: "msme:TJ" })).entries;
    // Newest first: the import's record, then the demo seed's (the seed's row was deleted above).
    expect(history.map((h) => h.actor)).toEqual(["system:test", "system:seed"]);
    expect(history[0]).toMatchObject({ actor: "system:test", action: "create", before: null });
    expect(history[0]?.after).toMatchObject({ economy_code: "TJ", joined_on: "2022-12-31", source: "INF/MSME/R/35" });
  });

  it("writes nothing when a name is unknown, and says where it is", async () => {
    await sql`delete from group_memberships where economy_code = 'UY'`.execute(t.database.db);
    const before = await count();
    const chileHistory = (await historyOf(t.database.db, { entity: "group_membership", entityId: "msme:CL" })).entries;
    const report = await importMemberList(systemActor("test"), t.database.db, "Uruguay; Freedonia; Chile", {
      group: "msme",
      date: "2022-12-31",
      source: "test",
    });
    expect(report.unknown).toEqual([{ text: "Freedonia", position: 2, offset: 9 }]);
    expect(report.written).toBe(false);
    expect(await count()).toBe(before);
    expect((await historyOf(t.database.db, { entity: "group_membership", entityId: "msme:CL" })).entries).toEqual(chileHistory);
  });

  it("is refused to the public", async () => {
    await expect(
      importMemberList({ kind: "public" }, t.database.db, "Chile", { group: "msme", date: "2022-12-31", source: "x" }),
    ).rejects.toMatchObject({ status: 401 });
  });
});

describe("seedMembers", () => {
  it("starts each fact's history with the seed and its source, and adds nothing when run again", async () => {
    const history = (await historyOf(t.database.db, { entity: "economy", entityId: "UY" })).entries;
    expect(history.at(-1)).toMatchObject({ actor: "system:seed", action: "create" });
    expect(history.at(-1)?.after).toMatchObject({ code: "UY", source: expect.stringMatching(/^https:\/\/www\.wto\.org\//) });
    const audit = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]?.n;
    // Earlier tests removed memberships: the first run puts them back (and says so), the second has nothing to do.
    await seedMembers(systemActor("seed"), t.database.db);
    const before = await audit();
    await seedMembers(systemActor("seed"), t.database.db);
    expect(await audit()).toBe(before);
  });
});
