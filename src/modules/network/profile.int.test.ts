import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { formOf } from "../../../test/html-form.js";
import { visitor } from "../../../test/session.js";

/**
 * An organization's profile in three languages, through the real pages, forms and API: what the
 * public sees in each language (with the language it is written in and a note where it is not the
 * page's, or is outdated), and what editors see and change, language by language.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let partner: Awaited<ReturnType<typeof visitor>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let reader: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  partner = await visitor(t.app, "partner-itc@demo.test");
  editor = await visitor(t.app, "editor@demo.test");
  reader = await visitor(t.app);
});
afterAll(() => t.close());

const EDIT = "/en/admin/network/itc";
const ENGLISH = "The International Trade Centre helps small firms find markets.\n\nIts tools are free.";
const ENGLISH_2 = "The International Trade Centre helps small businesses trade: market analysis tools, trade information.";
const FRENCH = "Le Centre du commerce international aide les petites entreprises à trouver des marchés.";

/** Sends the edit form back as the page shows it, with these fields changed. */
async function edit(who: typeof partner, changes: Record<string, string>, page = EDIT) {
  const form = formOf((await who.get(page)).body, page);
  return who.submit(page, page, { ...form, ...changes });
}
type Statuses = Record<"en" | "fr" | "es", { status: string }>;
const api = async (lang: string) => JSON.parse((await reader.get(`/api/v1/organizations/itc?lang=${lang}`)).body) as Record<string, unknown> & { translations: Statuses };
const statuses = async () => (await api("en")).translations;
const stored = async () => (await sql<Record<string, unknown>>`select * from organizations where slug = 'itc'`.execute(t.database.db)).rows[0];
const audits = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]?.n);
/** The public profile section of a page. */
const profileOf = (html: string) => html.slice(html.indexOf('id="profile-title"'), html.indexOf("</section>", html.indexOf('id="profile-title"')));

describe("an organization's profile in three languages", () => {
  it("written in English only, it is shown to French readers in English, marked so, with a note in French", async () => {
    const saved = await edit(partner, { "profile.en.text": ENGLISH });
    expect(saved.statusCode).toBe(303);
    const fr = profileOf((await reader.get("/fr/network/itc")).body);
    expect(fr).toContain(`<p class="translation-note">Ce texte n'est pas encore disponible en français ; il est affiché en anglais.</p>`);
    expect(fr).toContain('<div class="translated-text" lang="en"><p>The International Trade Centre helps small firms find markets.</p><p>Its tools are free.</p></div>');
    const es = profileOf((await reader.get("/es/network/itc")).body);
    expect(es).toContain("Este texto aún no está disponible en español; se muestra en inglés.");
    // In English: no note.
    const en = profileOf((await reader.get("/en/network/itc")).body);
    expect(en).not.toContain("translation-note");
    expect(en).toContain('lang="en"');
    expect(await api("fr")).toMatchObject({
      description: ENGLISH,
      descriptionLang: "en",
      descriptionSourceLang: "en",
      translations: { en: { status: "current" }, fr: { status: "missing" }, es: { status: "missing" } },
    });
  });

  it("an editor adds the French: current, shown in French without a note", async () => {
    const saved = await edit(editor, { "profile.fr.text": FRENCH });
    expect(saved.statusCode).toBe(303);
    expect(await statuses()).toEqual({ en: { status: "current" }, fr: { status: "current" }, es: { status: "missing" } });
    const fr = profileOf((await reader.get("/fr/network/itc")).body);
    expect(fr).not.toContain("translation-note");
    expect(fr).toContain(`<div class="translated-text" lang="fr"><p>${FRENCH}</p></div>`);
    expect(await api("fr")).toMatchObject({ description: FRENCH, descriptionLang: "fr" });
  });

  it("the partner changes the English: the French is outdated until someone confirms it", async () => {
    const saved = await edit(partner, { "profile.en.text": ENGLISH_2 });
    expect(saved.statusCode).toBe(303);
    expect(await statuses()).toEqual({ en: { status: "current" }, fr: { status: "outdated" }, es: { status: "missing" } });
    // Readers still get the French, told it may be out of date.
    const fr = profileOf((await reader.get("/fr/network/itc")).body);
    expect(fr).toContain("Cette traduction n'est peut-être plus à jour : l'original en anglais a été modifié depuis.");
    expect(fr).toContain('lang="fr"');
    // Editors see each language's status, and may confirm the outdated one.
    const form = (await editor.get(`/fr${EDIT.slice(3)}`)).body;
    expect(form).toContain('<span class="translation-status status-outdated" id="field-profile.fr.text-status">État : à mettre à jour</span>');
    expect(form).toContain('<span class="translation-status status-current" id="field-profile.en.text-status">État : texte original</span>');
    expect(form).toContain('<span class="translation-status status-missing" id="field-profile.es.text-status">État : non rédigé</span>');
    expect(form).toContain('name="profile.fr.matches"');
    expect(form).not.toContain('name="profile.es.matches"');
    expect(form).toMatch(/<textarea id="field-profile.fr.text" name="profile.fr.text" lang="fr" rows="5" maxlength="2000"/);
    // Sent back unchanged, nothing changes: the French stays outdated.
    const before = await audits();
    expect((await edit(editor, {})).statusCode).toBe(303);
    expect(await audits()).toBe(before);
    expect((await statuses()).fr.status).toBe("outdated");
    // "Still matches the original": current again, the text as it was.
    expect((await edit(editor, { "profile.fr.matches": "yes" })).statusCode).toBe(303);
    expect(await statuses()).toEqual({ en: { status: "current" }, fr: { status: "current" }, es: { status: "missing" } });
    expect(await api("fr")).toMatchObject({ description: FRENCH });
    expect(profileOf((await reader.get("/fr/network/itc")).body)).not.toContain("translation-note");
    // The history says what happened, language by language.
    const history = (await editor.get(EDIT)).body;
    expect(history).toContain("<code>profile.fr.status</code>: <del>outdated</del> → <ins>current</ins>");
    expect(history).toContain("<code>profile.fr.status</code>: <del>current</del> → <ins>outdated</ins>");
  });

  it("editing the French also makes it current", async () => {
    await edit(partner, { "profile.en.text": ENGLISH });
    expect((await statuses()).fr.status).toBe("outdated");
    await edit(editor, { "profile.fr.text": `${FRENCH} Ses outils sont gratuits.` });
    expect((await statuses()).fr.status).toBe("current");
  });

  it("a draft is not shown to the public, anywhere", async () => {
    const draft = "Borrador que nadie debe leer todavía.";
    expect((await edit(editor, { "profile.es.text": draft, "profile.es.draft": "yes" })).statusCode).toBe(303);
    expect((await statuses()).es.status).toBe("draft");
    const es = (await reader.get("/es/network/itc")).body;
    expect(es).not.toContain(draft);
    expect(profileOf(es)).toContain("Este texto aún no está disponible en español; se muestra en inglés.");
    const json = await api("es");
    expect(json).toMatchObject({ descriptionLang: "en", descriptions: { es: null } });
    expect(JSON.stringify(json)).not.toContain(draft);
    expect((await reader.get("/api/v1/organizations.csv?lang=es")).body).not.toContain(draft);
    expect((await reader.get("/api/v1/organizations.json?lang=es")).body).not.toContain(draft);
    // Its editor sees it, ticked as a draft.
    const form = formOf((await editor.get(EDIT)).body, EDIT);
    expect(form).toMatchObject({ "profile.es.text": draft, "profile.es.draft": "yes" });
    // Released, it is shown.
    expect((await edit(editor, { "profile.es.draft": "" })).statusCode).toBe(303);
    const released = profileOf((await reader.get("/es/network/itc")).body);
    expect(released).toContain(`<div class="translated-text" lang="es"><p>${draft}</p></div>`);
    expect(parse((await reader.get("/api/v1/organizations.csv?lang=es")).body, { bom: true, columns: true })).toContainEqual(
      expect.objectContaining({ slug: "itc", description: draft, description_lang: "es", description_status_es: "current" }),
    );
  });

  it("refuses an over-long text, with the field named, the text kept, nothing written", async () => {
    const row = await stored();
    const count = await audits();
    const long = `<b>${"é".repeat(2001)}`;
    const res = await edit(partner, { "profile.fr.text": long });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#field-profile.fr.text">This value is too large or too long (at most 2000).</a>');
    expect(res.body).toContain(`>&lt;b>${"é".repeat(2001)}</textarea>`);
    expect(res.body).toMatch(/<textarea id="field-profile.fr.text"[^>]*aria-invalid="true"/);
    expect(await stored()).toEqual(row);
    expect(await audits()).toBe(count);
  });

  it("refuses a language the platform does not have, by name, and writes nothing", async () => {
    const row = await stored();
    const count = await audits();
    const res = await edit(partner, { "profile.de.text": "Das Internationale Handelszentrum" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`<a href="#field-profile.de">This is not one of the platform's languages.</a>`);
    expect(await stored()).toEqual(row);
    expect(await audits()).toBe(count);
  });

  it("keeps the original: emptying it under its translations is refused at its field, in the page's language", async () => {
    const res = await edit(partner, { "profile.en.text": "" }, "/fr/admin/network/itc");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`<a href="#field-profile.en.text">C'est le texte original`);
    // Another original first, then the English may go.
    expect((await edit(editor, { "profile.source": "fr", "profile.en.text": "" })).statusCode).toBe(303);
    expect(await api("en")).toMatchObject({ descriptionLang: "fr", descriptionSourceLang: "fr", translations: { en: { status: "missing" }, fr: { status: "current" } } });
    const en = profileOf((await reader.get("/en/network/itc")).body);
    expect(en).toContain("This text is not yet available in English; shown in French.");
  });
});

describe("the API's description of it", () => {
  it("documents the statuses of the profile and of the membership note", async () => {
    const doc = JSON.parse((await reader.get("/api/openapi.json")).body);
    const schema = (path: string) => doc.paths[path].get.responses["200"].content["application/json"].schema;
    const statuses = { type: "string", enum: ["missing", "draft", "current", "outdated"] };
    const organization = schema("/api/v1/organizations/{slug}");
    for (const lang of ["en", "fr", "es"]) expect(organization.properties.translations.properties[lang].properties.status).toEqual(statuses);
    expect(organization.required).toEqual(expect.arrayContaining(["description", "descriptionLang", "descriptionSourceLang", "translations"]));
    const member = schema("/api/v1/members/{code}");
    const msme = member.properties.msme.anyOf?.find((s: { type?: string }) => s.type === "object") ?? member.properties.msme;
    expect(msme.properties.translations.properties.fr.properties.status).toEqual(statuses);
    expect(msme.required).toEqual(expect.arrayContaining(["note", "noteLang", "noteSourceLang", "translations"]));
  });
});
