import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { PUBLIC, type Actor } from "../../actor.js";
import * as documents from "./service.js";

/**
 * The registry's counts stop at a bound (`COUNT_UP_TO` past the page's start): a large registry
 * says "more than 1,000" instead of reading every match. Whichever way a page is read (every match
 * sorted, or the first rows in the list's order searched for a common word), it must be the same
 * page: these tests fill the registry with 1,400 documents whose titles hold words of known
 * frequency and compare each way against the list counted to the end.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
const COUNT = 1400;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
  // Document i: INF/MSME/W/(5000 + i), dated over twelve years; every title says "quorvex", every
  // third "plimbo", every tenth "zandric", every 200th "wexlor"; one in nine restricted.
  await sql`
    insert into documents (symbol, symbol_sort, series, number, kind, date, title, title_verified, restriction, source)
    select 'INF/MSME/W/' || (5000 + i), 'inf/msme/w/' || lpad((5000 + i)::text, 6, '0'), 'INF/MSME/W', 5000 + i, 'working_document',
           case when i % 17 = 0 then null else date '2010-01-01' + (i * 7919 % 4380) end,
           jsonb_build_object('source', 'en', 'values', jsonb_build_object('en', jsonb_build_object('text',
             'Quorvex note' || case when i % 3 = 0 then ' plimbo' else '' end || case when i % 10 = 0 then ' zandric' else '' end
               || case when i % 200 = 0 then ' wexlor' else '' end, 'editedAt', '2026-01-01T00:00:00.000Z'))),
           false, case when i % 9 = 0 then 'restricted' else 'public' end, 'counts test'
    from generate_series(1, ${COUNT}) i`.execute(t.database.db);
  await sql`analyze documents`.execute(t.database.db);
});
afterAll(() => t.close());

const symbols = (list: { items: { symbol: string }[] }) => list.items.map((d) => d.symbol);

describe("bounded counts", () => {
  it("give every page as the list counted to the end does, whatever the word's frequency and the page", async () => {
    const staff: Actor = { kind: "user", id: 9999, email: "counts@example.org", name: "Counts", role: "editor", grants: [], via: "session" };
    for (const actor of [PUBLIC, staff]) {
      for (const filter of [{ q: "quorvex" }, { q: "plimbo" }, { q: "zandric" }, { q: "wexlor" }, { q: "quorvex", prefix: "INF/MSME/W/6" }, { q: "plimbo", year: 2015 }, { prefix: "INF/MSME/W" }, {}]) {
        for (const offset of [0, 50, 400, 1300]) {
          const exact = await documents.listDocuments(actor, t.database.db, { ...filter, lang: "en", limit: 50, offset, countUpTo: 1_000_000 });
          expect(exact.totalExact).toBeUndefined();
          for (const countUpTo of [1, 60, 1000]) {
            const bounded = await documents.listDocuments(actor, t.database.db, { ...filter, lang: "en", limit: 50, offset, countUpTo });
            const label = `${JSON.stringify(filter)} offset ${offset} up to ${countUpTo}`;
            expect(symbols(bounded), label).toEqual(symbols(exact));
            const bound = offset + Math.max(countUpTo, 50);
            if (exact.total <= bound) {
              expect(bounded.total, label).toBe(exact.total);
              expect(bounded.totalExact, label).toBeUndefined();
            } else expect(bounded, label).toMatchObject({ total: bound + 1, totalExact: false });
          }
        }
      }
    }
  });

  it("say 'more than 1,000' on the page and in the API, and the exact count below the bound", async () => {
    const api = (await t.app.inject({ method: "GET", url: "/api/v1/documents?q=quorvex&limit=10" })).json() as { total: number; totalExact: boolean; items: unknown[] };
    expect(api).toMatchObject({ total: 1001, totalExact: false });
    expect(api.items).toHaveLength(10);
    const rare = (await t.app.inject({ method: "GET", url: "/api/v1/documents?q=wexlor" })).json();
    expect(rare).toMatchObject({ total: 7 });
    expect(rare).not.toHaveProperty("totalExact");
    const en = await t.app.inject({ method: "GET", url: "/en/documents?q=quorvex" });
    expect(en.body).toContain("More than 1,000 documents");
    const fr = await t.app.inject({ method: "GET", url: "/fr/documents?q=quorvex" });
    expect(fr.body).toMatch(/Plus de 1\s000 documents/u);
    const es = await t.app.inject({ method: "GET", url: "/es/documents?q=zandric" });
    expect(es.body).toContain("125 documentos");
    // Further on, the count reaches further: page 21 starts at 1,000 and counts to 2,000.
    const later = (await t.app.inject({ method: "GET", url: "/api/v1/documents?q=quorvex&limit=50&offset=1000" })).json();
    expect(later).toMatchObject({ total: 1245 });
    expect(later).not.toHaveProperty("totalExact");
    // The back office says the same.
    const admin = await editor.get("/en/admin/documents?q=quorvex");
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain("More than 1,000 documents");
  });

  it("leave downloads whole: every matching row, counted as it is written", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/documents.json?q=quorvex" });
    expect(res.statusCode).toBe(200);
    const file = res.json() as { items: { symbol: string }[]; total: number };
    expect(file.total).toBe(1245);
    expect(new Set(file.items.map((d) => d.symbol)).size).toBe(1245);
  });
});
