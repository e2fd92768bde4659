import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { formOf } from "../../../test/html-form.js";
import { visitor } from "../../../test/session.js";

/**
 * A membership's note in three languages: the member page shows it in the reader's language (or
 * its original, saying so), the back office edits it per language through the shared form cycle,
 * and the API tells each language's status.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let reader: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  editor = await visitor(t.app, "editor@demo.test");
  reader = await visitor(t.app);
});
afterAll(() => t.close());

const PAGE = "/en/admin/members/GE";
const ACTION = `${PAGE}/membership`;
const note = async () =>
  (await sql<{ note: unknown }>`select note from group_memberships where economy_code = 'GE' and group_code = 'msme'`.execute(t.database.db)).rows[0]?.note;
const audits = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]?.n);
const msme = async (lang: string) => (JSON.parse((await reader.get(`/api/v1/members/GE?lang=${lang}`)).body) as { msme: Record<string, unknown> }).msme;
/** The note on the public member page: what follows its term. */
const shown = (html: string, term: string) => html.slice(html.indexOf(`<dt>${term}</dt>`), html.indexOf("</dd>", html.indexOf(`<dt>${term}</dt>`)));
/** Sends the membership form back as the page shows it, with these fields changed. */
async function save(changes: Record<string, string>, page = PAGE) {
  const action = `${page}/membership`;
  return editor.submit(page, action, { ...formOf((await editor.get(page)).body, action), ...changes });
}

describe("a membership's note in three languages", () => {
  it("comes from the demo data in English, French and Spanish, each current, shown in the reader's language", async () => {
    expect(await msme("fr")).toMatchObject({
      noteLang: "fr",
      noteSourceLang: "en",
      translations: { en: { status: "current" }, fr: { status: "current" }, es: { status: "current" } },
    });
    const fr = shown((await reader.get("/fr/members/GE")).body, "Remarque");
    expect(fr).toContain('<div class="translated-text" lang="fr"><p>A rejoint le Groupe fin 2021');
    expect(fr).not.toContain("translation-note");
    // No longer marked as English whatever the text.
    expect(fr).not.toContain('lang="en"');
  });

  it("round-trips through the form: sent back as shown, nothing changes", async () => {
    const before = await note();
    const count = await audits();
    const res = await save({});
    expect(res.statusCode).toBe(303);
    expect(await note()).toEqual(before);
    expect(await audits()).toBe(count);
  });

  it("a changed original makes the translations outdated, in the API and on the pages", async () => {
    const english = "Joined in late 2021; welcomed on 8 February 2022 (INF/MSME/R/31).";
    expect((await save({ "note.en.text": english })).statusCode).toBe(303);
    expect((await msme("en")).translations).toEqual({ en: { status: "current" }, fr: { status: "outdated" }, es: { status: "outdated" } });
    const es = shown((await reader.get("/es/members/GE")).body, "Nota");
    expect(es).toContain("Es posible que esta traducción no esté al día: el original en inglés ha cambiado desde entonces.");
    expect(es).toContain('lang="es"');
    const form = (await editor.get(PAGE)).body;
    expect(form).toContain('id="field-membership-note.fr.text-status">Status: outdated</span>');
    expect(form).toContain('name="note.es.matches"');
    // One confirmed, one rewritten: both current.
    expect((await save({ "note.fr.matches": "yes", "note.es.text": "Se unió a finales de 2021; recibido el 8 de febrero de 2022 (INF/MSME/R/31)." })).statusCode).toBe(303);
    expect((await msme("en")).translations).toEqual({ en: { status: "current" }, fr: { status: "current" }, es: { status: "current" } });
  });

  it("a note written in English only is shown in English to other readers, with a note in their language", async () => {
    expect((await save({ "note.fr.text": "", "note.es.text": "" })).statusCode).toBe(303);
    expect(await msme("es")).toMatchObject({ noteLang: "en", translations: { fr: { status: "missing" }, es: { status: "missing" } } });
    const es = shown((await reader.get("/es/members/GE")).body, "Nota");
    expect(es).toContain("Este texto aún no está disponible en español; se muestra en inglés.");
    expect(es).toContain('<div class="translated-text" lang="en">');
  });

  it("keeps what was typed when the form has a mistake, and writes nothing", async () => {
    const before = await note();
    const count = await audits();
    const typed = { joined_on: "2021-02-30", "note.en.text": "English <b>kept</b>", "note.fr.text": "Français gardé", "note.fr.draft": "yes", "note.es.text": "x".repeat(1001) };
    const res = await save(typed);
    expect(res.statusCode).toBe(400);
    const form = formOf(res.body, ACTION);
    expect(form).toMatchObject(typed);
    expect(res.body).toContain('<a href="#field-membership-joined_on">');
    expect(res.body).toContain('<a href="#field-membership-note.es.text">This value is too large or too long (at most 1000).</a>');
    expect(res.body).toContain('id="field-membership-note.es.text-error"');
    expect(await note()).toEqual(before);
    expect(await audits()).toBe(count);
  });

  it("refuses a language the platform does not have, by name", async () => {
    const before = await note();
    const res = await save({ "note.pt.text": "Nota em português" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#field-membership-note.pt">This is not one of the platform');
    expect(await note()).toEqual(before);
  });

  it("lists the note in the downloads, in the list's language or its original", async () => {
    const csv = (await reader.get("/api/v1/members.csv?group=msme&lang=fr&q=Georgie")).body;
    expect(csv).toContain("msme_note,msme_note_lang");
    expect(csv).toContain("Joined in late 2021; welcomed on 8 February 2022 (INF/MSME/R/31).,en");
  });
});
