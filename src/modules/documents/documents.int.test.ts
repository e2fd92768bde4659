import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import { type Actor, PUBLIC, type Role, systemActor } from "../../actor.js";
import type { Tables } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { historyOf } from "../audit/service.js";
import * as documents from "./service.js";

let database: Awaited<ReturnType<typeof testDatabase>>;
let db: Awaited<ReturnType<typeof testDatabase>>["db"];
beforeAll(async () => {
  database = await testDatabase();
  db = database.db;
});
afterAll(() => database.close());

let nextId = 1;
function user(role: Role): Actor {
  const id = nextId++;
  return { kind: "user", id, email: `${role}${id}@example.org`, name: `Person ${id}`, role, grants: [], via: "session" };
}
const editor = user("editor");

const input = (symbol: string, extra: Record<string, unknown> = {}) => ({
  symbol,
  kind: "working_document",
  date: "2023-03-01",
  title: { en: { text: `Title of ${symbol}` } },
  title_verified: false,
  restriction: "public",
  restricted_until: null,
  source: "documents test",
  ...extra,
});

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, fields: error.fields };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("the demo data", () => {
  it("holds the documents the 2022 annual report cites, with the dates it gives", async () => {
    const { total } = await documents.listDocuments(PUBLIC, db, { lang: "en", limit: 500 });
    expect(total).toBe(23);
    const cited = await documents.documentsBySymbols(PUBLIC, db, [
      "INF/MSME/CN/15", "INF/MSME/CN/19", "INF/MSME/R/31", "INF/MSME/R/34", "INF/MSME/W/35/Corr.1", "INF/MSME/W/36", "INF/MSME/W/6/Rev.3",
      "INF/MSME/W/40", "INF/MSME/4/Rev.2", "WT/MIN(17)/58/Rev.1", "WT/MIN(21)/1", "WT/MIN(22)/4", "JOB/GC/207", "INF/MSME/R/13/Rev.1", "INF/MSME/R/21", "INF/MSME/R/30",
    ]);
    expect(cited.size).toBe(16);
    expect(cited.get("JOB/GC/207")?.date).toBe("2018-12-03");
    expect(cited.get("INF/MSME/R/30")?.date).toBe("2022-02-11");
    expect(cited.get("INF/MSME/R/31")?.kind).toBe("summary_report");
    // Only the seed's meetings with a summary: none for 19 May.
    expect((await documents.documentsBySymbols(PUBLIC, db, ["INF/MSME/R/35"])).get("INF/MSME/R/35")?.kind).toBe("annual_report");
    // Titles written by us say so; one left untranslated falls back to English.
    const cn19 = cited.get("INF/MSME/CN/19");
    expect(cn19?.titleVerified).toBe(false);
    expect(cn19?.titles.fr).toMatchObject({ lang: "en", fallback: true });
  });

  it("seeds again without changing anything", async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
    const again = await documents.seedDocuments(systemActor("seed"), db);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    const after = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});

describe("filters", () => {
  it("by exact symbol (any case), prefix part by part, kind, year and title words", async () => {
    const exact = await documents.listDocuments(PUBLIC, db, { lang: "en", symbol: "INF/MSME/W/35/Corr.1" });
    expect(exact.items.map((d) => d.symbol)).toEqual(["INF/MSME/W/35/Corr.1"]);
    const reports = await documents.listDocuments(PUBLIC, db, { lang: "en", prefix: "inf/msme/r" });
    expect(reports.items.map((d) => d.symbol)).toEqual(["INF/MSME/R/13/Rev.1", "INF/MSME/R/21", "INF/MSME/R/30", "INF/MSME/R/31", "INF/MSME/R/32", "INF/MSME/R/33", "INF/MSME/R/34", "INF/MSME/R/35"]);
    const r3 = await documents.listDocuments(PUBLIC, db, { lang: "en", prefix: "INF/MSME/R/3" });
    expect(r3.items.map((d) => d.symbol)).toEqual([]);
    const notices = await documents.listDocuments(PUBLIC, db, { lang: "en", kind: "convening_notice" });
    expect(notices.total).toBe(5);
    const y2018 = await documents.listDocuments(PUBLIC, db, { lang: "en", year: 2018 });
    expect(y2018.items.map((d) => d.symbol)).toEqual(["JOB/GC/207"]);
    // Stemmed in French ("rapports" → rapport), accents ignored, any language.
    const fr = await documents.listDocuments(PUBLIC, db, { lang: "fr", q: "rapports succincts" });
    expect(fr.total).toBe(4);
    const es = await documents.listDocuments(PUBLIC, db, { lang: "es", q: "revision" });
    expect(es.items.map((d) => d.symbol)).toContain("INF/MSME/R/13/Rev.1");
  });
});

describe("restricted documents", () => {
  it("are invisible to the public everywhere and seen by the Secretariat", async () => {
    await documents.createDocument(editor, db, input("INF/MSME/W/901", { restriction: "restricted", title: { en: { text: "Secretquux draft" } } }));
    await documents.createDocument(editor, db, input("INF/MSME/W/902", { restriction: "restricted", restricted_until: "2001-01-01", title: { en: { text: "Formerly secretquux" } } }));
    const pub = await documents.listDocuments(PUBLIC, db, { lang: "en", q: "secretquux" });
    expect(pub.items.map((d) => d.symbol)).toEqual(["INF/MSME/W/902"]);
    const staff = await documents.listDocuments(editor, db, { lang: "en", q: "secretquux" });
    expect(staff.items.map((d) => d.symbol).sort()).toEqual(["INF/MSME/W/901", "INF/MSME/W/902"]);
    expect((await failure(documents.getDocument(PUBLIC, db, "INF/MSME/W/901", "en"))).status).toBe(404);
    expect((await failure(documents.getDocument(user("delegate"), db, "INF/MSME/W/901", "en"))).status).toBe(404);
    expect((await documents.getDocument(editor, db, "INF/MSME/W/901", "en")).restriction).toBe("restricted");
    expect((await documents.documentsBySymbols(PUBLIC, db, ["INF/MSME/W/901"])).size).toBe(0);
    const pages: string[] = [];
    for await (const entry of documents.documentPages(PUBLIC, db)) pages.push(entry.path);
    expect(pages).toContain("/documents/INF/MSME/W/902");
    expect(pages).not.toContain("/documents/INF/MSME/W/901");
    const feed = await documents.newestDocuments(PUBLIC, db, "en", 50);
    expect(feed.map((f) => f.document.symbol)).not.toContain("INF/MSME/W/901");
  });
});

describe("revisions", () => {
  it("link to their base on their own and show the whole chain, latest first", async () => {
    await documents.createDocument(editor, db, input("INF/MSME/W/800", { date: "2020-01-10" }));
    await documents.createDocument(editor, db, input("INF/MSME/W/800/Rev.1", { date: "2020-05-10" }));
    await documents.createDocument(editor, db, input("inf/msme/w/800/rev.1/corr.1", { date: "2020-06-10" }));
    await documents.createDocument(editor, db, input("INF/MSME/W/800/Rev.2", { date: "2021-01-10" }));
    const chain = await documents.revisionChain(PUBLIC, db, "INF/MSME/W/800/Rev.1");
    expect(chain.map((c) => c.symbol)).toEqual(["INF/MSME/W/800/Rev.2", "INF/MSME/W/800/Rev.1/Corr.1", "INF/MSME/W/800/Rev.1", "INF/MSME/W/800"]);
    const corr = await documents.getDocument(PUBLIC, db, "INF/MSME/W/800/Rev.1/Corr.1", "en");
    expect(corr.revises).toBe("INF/MSME/W/800/Rev.1");
    expect(corr.chain).toHaveLength(4);
  });

  it("refuse to revise themselves, a loop, or something not in the registry, at the field", async () => {
    expect((await failure(documents.createDocument(editor, db, input("INF/MSME/W/810", { revises: "INF/MSME/W/810" })))).fields).toEqual([{ field: "revises", message: "documents.errors.revisesItself" }]);
    expect((await failure(documents.createDocument(editor, db, input("INF/MSME/W/811", { revises: "INF/MSME/W/9999" })))).fields).toEqual([{ field: "revises", message: "documents.errors.revisesUnknown" }]);
    await documents.createDocument(editor, db, input("INF/MSME/W/812"));
    await documents.createDocument(editor, db, input("INF/MSME/W/812/Rev.1"));
    expect((await failure(documents.updateDocument(editor, db, "INF/MSME/W/812", { revises: "INF/MSME/W/812/Rev.1" })))).toMatchObject({ status: 400, fields: [{ field: "revises" }] });
    // The database says so too, whoever writes.
    await expect(sql`update documents set revises_id = id where symbol = 'INF/MSME/W/812'`.execute(db)).rejects.toThrow(/documents_not_own_revision/);
    // A base with revisions is not deleted from under them.
    expect((await failure(documents.deleteDocument(editor, db, "INF/MSME/W/812"))).status).toBe(409);
  });
});

describe("writing", () => {
  it("is the Secretariat's, audited, with bad input at its field and a taken symbol at `symbol`", async () => {
    expect((await failure(documents.createDocument(PUBLIC, db, input("INF/MSME/W/820")))).status).toBe(401);
    expect((await failure(documents.createDocument(user("delegate"), db, input("INF/MSME/W/820")))).status).toBe(403);
    expect((await failure(documents.createDocument(editor, db, input("INF/MSME/W")))).fields).toEqual([{ field: "symbol", message: "symbols.number.missing" }]);
    expect((await failure(documents.createDocument(editor, db, input("INF/MSME/W/820", { date: "2022-02-30", kind: "memo" })))).fields.map((f) => f.field).sort()).toEqual(["date", "kind"]);
    expect((await failure(documents.createDocument(editor, db, input("INF/MSME/W/820", { title: { fr: { text: "" } } })))).fields).toEqual([{ field: "title.en.text", message: "documents.errors.titleRequired" }]);
    const { id } = await documents.createDocument(editor, db, input("INF/MSME/W/820"));
    expect((await failure(documents.createDocument(editor, db, input("inf/msme/w/820"))))).toMatchObject({ status: 409, fields: [{ field: "symbol" }] });
    await documents.updateDocument(editor, db, "INF/MSME/W/820", { title: { en: { text: "A better title" }, fr: { text: "Un meilleur titre" } } });
    await documents.verifyDocument(editor, db, "INF/MSME/W/820");
    const history = await historyOf(db, { entity: "document", entityId: String(id) });
    expect(history.entries.map((e) => e.action)).toEqual(["update", "update", "create"]);
    expect(history.entries[1]?.after).toMatchObject({ "title.en": "A better title", "title.fr": "Un meilleur titre", "title.fr.status": "current" });
    expect(history.entries[0]?.after).toMatchObject({ verified_by: editor.kind === "user" ? editor.name : "" });
  });

  it("adds a document inside another module's transaction, all or nothing", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await documents.createDocument(editor, trx, input("INF/MSME/W/830"));
        throw new Error("the other module's change failed");
      }),
    ).rejects.toThrow("the other module's change failed");
    expect((await documents.documentsBySymbols(editor, db, ["INF/MSME/W/830"])).size).toBe(0);
  });
});

describe("numbers of a series", () => {
  it("50 issues at once get 50 distinct, consecutive numbers", async () => {
    await documents.createDocument(editor, db, input("INF/MSME/P/4", { kind: "private_sector_submission" }));
    // 25 connections at once (the queue behind the counter's lock may wait longer than the app's 3 s).
    const pool = new pg.Pool({ connectionString: database.url, max: 25, connectionTimeoutMillis: 60_000 });
    const wide = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    try {
      const issued = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          wide.transaction().execute((trx) => documents.issueDocument(editor, trx, "INF/MSME/P", { ...input("x", { kind: "private_sector_submission" }), symbol: undefined, title: { en: { text: `Recommendation ${i}` } } })),
        ),
      );
      const numbers = issued.map((d) => Number(d.symbol.split("/").pop())).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 5));
    } finally {
      await wide.destroy();
    }
  });

  it("a rolled-back issue gives its number back", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await documents.issueDocument(editor, trx, "INF/MSME/P", { ...input("x"), title: { en: { text: "Withdrawn" } } });
        throw new Error("withdrawn");
      }),
    ).rejects.toThrow("withdrawn");
    const next = await db.transaction().execute((trx) => documents.issueDocument(editor, trx, "INF/MSME/P", { ...input("x"), title: { en: { text: "Next" } } }));
    expect(next.symbol).toBe("INF/MSME/P/55");
  });
  it("needs a transaction", async () => {
    await expect(documents.nextNumberInSeries(editor, db, "INF/MSME/P")).rejects.toThrow(/transaction/);
  });
});
