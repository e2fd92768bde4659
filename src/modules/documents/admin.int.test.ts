import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";
import { historyOf } from "../audit/service.js";

let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
});
afterAll(() => t.close());

const form = (fields: Record<string, string> = {}) => ({
  symbol: "INF/MSME/W/700",
  kind: "working_document",
  date: "2023-02-08",
  "title.en.text": "Trade finance for small firms",
  "title.fr.text": "",
  "title.es.text": "",
  title_verified: "",
  restriction: "public",
  restricted_until: "",
  revises: "",
  source: "https://docs.wto.org/",
  ...fields,
});

const idOf = async (symbol: string) => (await t.database.db.selectFrom("documents").select("id").where("symbol", "=", symbol).executeTakeFirstOrThrow()).id;

describe("the back office's registry", () => {
  it("adds a document, shows it in the list, and keeps its history", async () => {
    const res = await editor.submit("/en/admin/documents/new", "/en/admin/documents", form());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin/documents/INF/MSME/W/700?done=created");
    const page = await editor.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The document was added to the registry.");
    expect(page.body).toContain(">Trade finance for small firms</textarea>");
    const list = await editor.get("/en/admin/documents?prefix=INF/MSME/W/700");
    expect(list.body).toContain("INF/MSME/W/700");
    const history = await historyOf(t.database.db, { entity: "document", entityId: String(await idOf("INF/MSME/W/700")) });
    expect(history.entries[0]).toMatchObject({ actor: "editor@demo.test", action: "create", after: { symbol: "INF/MSME/W/700", "title.en": "Trade finance for small firms" } });
  });

  it("keeps what was typed and puts each error at its field, in three languages", async () => {
    const messages = {
      en: ["The series part of the symbol is not valid", "No document with this symbol is in the registry"],
      fr: ["La partie « série » de la cote n'est pas valable ", "Aucun document portant cette cote"],
      es: ["La parte «serie» de la signatura no es válida", "Ningún documento con esta signatura"],
    };
    for (const [lang, expected] of Object.entries(messages)) {
      const bad = await editor.submit(`/${lang}/admin/documents/new`, `/${lang}/admin/documents`, form({ symbol: "INF/MSME/W<b>", date: "2023-02-30", revises: "INF/MSME/W/12345", "title.fr.text": "Texte <gardé>" }));
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('value="INF/MSME/W&lt;b>"');
      expect(bad.body).toContain(">Texte &lt;gardé></textarea>");
      expect(bad.body).toContain('href="#field-symbol"');
      expect(bad.body).toContain(expected[0]);
      expect(bad.body).toContain('href="#field-date"');
      expect(bad.body).toContain('id="field-date-error"');
      expect(bad.body).toContain('value="2023-02-30"');
      const third = await editor.submit(`/${lang}/admin/documents/new`, `/${lang}/admin/documents`, form({ symbol: "INF/MSME/W/701", revises: "INF/MSME/W/12345" }));
      expect(third.statusCode).toBe(400);
      expect(third.body).toContain('href="#field-revises"');
      expect(third.body).toContain(expected[1]);
    }
    expect((await t.database.db.selectFrom("documents").select("id").where("symbol", "=", "INF/MSME/W/701").execute()).length).toBe(0);
  });

  it("refuses a symbol already taken (409 at the field), whatever its case", async () => {
    const res = await editor.submit("/es/admin/documents/new", "/es/admin/documents", form({ symbol: "inf/msme/w/36" }));
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Ya figura en el registro un documento con esta signatura.");
    expect(res.body).toContain('value="inf/msme/w/36"');
  });

  it("edits a document: a translation added, restriction set, history shown; then marks it verified", async () => {
    const edit = "/fr/admin/documents/INF/MSME/W/40";
    const page = await editor.get(edit);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Modifier INF/MSME/W/40");
    const saved = await editor.submit(
      edit,
      edit,
      form({
        symbol: "INF/MSME/W/40",
        date: "2022-10-12",
        "title.en.text": "Literature review on the effects of regional trade agreements on MSME trade participation",
        "title.fr.text": "Revue de la littérature (corrigée)",
        "title.es.text": "Examen de la literatura sobre los efectos de los acuerdos comerciales regionales en la participación de las MIPYMES en el comercio",
        restriction: "restricted",
        restricted_until: "2030-01-01",
        source: "INF/MSME/W/40",
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe("/fr/admin/documents/INF/MSME/W/40?done=saved");
    const after = await editor.get(saved.headers.location as string);
    expect(after.body).toContain("Vos modifications ont été enregistrées.");
    expect(after.body).toContain("Revue de la littérature (corrigée)");
    expect(after.body).toMatch(/title\.fr[^<]*<\/code>/);
    // Now restricted: the public no longer finds it.
    expect((await t.app.inject({ url: "/fr/documents/INF/MSME/W/40" })).statusCode).toBe(404);
    const verified = await editor.submit(edit, `${edit}/verify`, {});
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe("/fr/admin/documents/INF/MSME/W/40?done=verified");
    const history = await historyOf(t.database.db, { entity: "document", entityId: String(await idOf("INF/MSME/W/40")) });
    expect(history.entries.map((e) => e.action).slice(0, 2)).toEqual(["update", "update"]);
    expect(history.entries[0]?.after).toMatchObject({ verified_by: "Demo Editor (Secretariat)" });
    expect(history.entries[1]?.after).toMatchObject({ restriction: "restricted", restricted_until: "2030-01-01", "title.fr": "Revue de la littérature (corrigée)" });
  });

  it("sends a symbol typed differently to the canonical edit page, and answers 404 for an unknown one", async () => {
    const res = await editor.get("/en/admin/documents/inf/msme/w/36");
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/en/admin/documents/INF/MSME/W/36");
    expect((await editor.get("/en/admin/documents/INF/MSME/W/99999")).statusCode).toBe(404);
  });

  it("is the Secretariat's alone", async () => {
    const delegate = await visitor(t.app, "delegate-uy@demo.test");
    expect((await delegate.get("/en/admin/documents")).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/en/admin/documents/new" })).statusCode).toBe(303);
  });
});
