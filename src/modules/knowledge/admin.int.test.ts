import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { formOf } from "../../../test/html-form.js";
import { visitor } from "../../../test/session.js";
import { seedKnowledgeFixtures } from "./fixtures.js";

/**
 * Editing guides in the back office: a partner edits their organization's guide (and only theirs),
 * preview before publishing, drafts kept from the public, every change audited, "mark verified",
 * the translation queue and the side-by-side editor with what changed in the original.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let partner: Awaited<ReturnType<typeof visitor>>;
let editor: Awaited<ReturnType<typeof visitor>>;
let reader: Awaited<ReturnType<typeof visitor>>;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  await seedKnowledgeFixtures(t.database.db);
  partner = await visitor(t.app, "partner-itc@demo.test");
  editor = await visitor(t.app, "editor@demo.test");
  reader = await visitor(t.app);
});
afterAll(() => t.close());

const EDIT = "/en/admin/guides/export-rules-of-origin";
async function edit(who: typeof partner, changes: Record<string, string>, page = EDIT) {
  const form = formOf((await who.get(page)).body, page);
  return who.submit(page, page, { ...form, ...(page.includes("/guides/") ? { action: "save" } : {}), ...changes });
}
const audits = async (entity: string, id: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where entity = ${entity} and entity_id = ${id}`.execute(t.database.db)).rows[0]?.n);
const statuses = async (slug: string) => {
  const list = JSON.parse((await reader.get(`/api/v1/guides?lang=fr`)).body) as { items: { slug: string; translations: Record<string, { status: string }> }[] };
  return list.items.find((g) => g.slug === slug)?.translations;
};

describe("a partner and their organization's guides", () => {
  it("lists only their own guides, and cannot even see another organization's or the Secretariat's (404)", async () => {
    const list = (await partner.get("/en/admin/guides")).body;
    expect(list).toContain("/en/admin/guides/export-rules-of-origin");
    expect(list).not.toContain("/en/admin/guides/origin-policy");
    expect(list).not.toContain("/en/admin/guides/draft-guide");
    expect((await partner.get("/en/admin/guides/draft-guide")).statusCode).toBe(404);
    expect((await partner.get("/en/admin/guides/origin-policy")).statusCode).toBe(404);
    expect((await partner.get("/en/admin/guides/origin-policy/preview")).statusCode).toBe(404);
    const page = "/en/admin/guides/export-rules-of-origin";
    const form = formOf((await partner.get(page)).body, page);
    expect((await partner.submit(page, "/en/admin/guides/origin-policy", form)).statusCode).toBe(404);
    expect((await partner.submit(page, "/en/admin/guides/draft-guide/verify", {})).statusCode).toBe(404);
  });

  it("may not give their guide to another owner", async () => {
    const before = await audits("guide", "export-rules-of-origin");
    const res = await edit(partner, { owner: "oecd" });
    expect(res.statusCode).toBe(404);
    expect(await audits("guide", "export-rules-of-origin")).toBe(before);
  });

  it("editing the English original makes the French and Spanish translations outdated, audited", async () => {
    const form = formOf((await partner.get(EDIT)).body, EDIT);
    const english = `${form["body.en.text"]}\n\nCustoms may also ask for a supplier's declaration.`;
    const res = await edit(partner, { "body.en.text": english });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin/guides/export-rules-of-origin?done=saved");
    expect(await statuses("export-rules-of-origin")).toMatchObject({ en: { status: "current" }, fr: { status: "outdated" }, es: { status: "outdated" } });
    expect((await reader.get("/en/guides/export-rules-of-origin")).body).toContain("supplier's declaration");
    const audit = await sql<{ after: Record<string, string> }>`select after from audit_log where entity = 'guide' and entity_id = 'export-rules-of-origin' order by id desc limit 1`.execute(t.database.db);
    expect(audit.rows[0]?.after).toMatchObject({ "body.es.status": "outdated", "body.en.status": "current" });
  });

  it("a mistake shows the form again with what was typed, nothing saved", async () => {
    const before = await audits("guide", "export-rules-of-origin");
    const res = await edit(partner, { "body.fr.text": "No title <script>alert(1)</script>", topics: "rules-of-origin nowhere" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("No title &lt;script>alert(1)&lt;/script></textarea>");
    expect(res.body).toContain('value="rules-of-origin nowhere"');
    expect(res.body).toContain("No published or draft item is called");
    expect(await audits("guide", "export-rules-of-origin")).toBe(before);
  });

  it("previews hostile Markdown sanitized, keeping the input and saving nothing", async () => {
    const before = await audits("guide", "export-rules-of-origin");
    const hostile = "# Preview?\n\nLede.\n\n## Step <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) <script>alert(2)</script> [ok](https://example.org)";
    const res = await edit(partner, { "body.en.text": hostile, action: "preview" });
    expect(res.statusCode).toBe(200);
    const preview = res.body.slice(res.body.indexOf('class="preview"'), res.body.indexOf("<form", res.body.indexOf('class="preview"')));
    expect(preview).toContain("Preview?");
    expect(preview).toContain('<h2 id="step-img-src-x-onerror-alert-1">Step &lt;img src=x onerror=alert(1)&gt;</h2>');
    expect(preview).not.toMatch(/<script|<img|href="javascript/i);
    expect(preview).toContain('href="https://example.org" class="external"');
    expect(res.body).toContain("&lt;script>alert(2)&lt;/script> [ok](https://example.org)</textarea>");
    expect(await audits("guide", "export-rules-of-origin")).toBe(before);
  });

  it("marks the guide verified by the partner today", async () => {
    const res = await partner.submit(EDIT, `${EDIT}/verify`, {});
    expect(res.statusCode).toBe(303);
    expect((await reader.get("/en/guides/export-rules-of-origin")).body).toContain("Last verified by Demo Partner at ITC on");
  });
});

describe("drafts and new guides", () => {
  it("a new draft is invisible to the public until published; the Secretariat previews it", async () => {
    const created = await editor.submit("/en/admin/guides/new", "/en/admin/guides", {
      slug: "zebra-guide",
      "body.en.text": "# Where do zebras export?\n\nA draft.\n\n## One\n\nZebraword.",
      audience: "business",
      track: "services",
      status: "draft",
      owner: "secretariat",
      topics: "rules-of-origin",
      tools: "",
      glossary: "",
      related: "",
      sources: "",
      action: "save",
    });
    expect(created.statusCode).toBe(303);
    expect((await reader.get("/en/guides/zebra-guide")).statusCode).toBe(404);
    expect((await reader.get("/api/v1/guides?track=services")).body).not.toContain("zebra");
    expect(JSON.parse((await reader.get("/api/v1/search?q=zebraword")).body).total).toBe(0);
    expect((await reader.get("/sitemap.xml")).body).not.toContain("zebra-guide");
    expect((await reader.get("/en/feeds/guides.atom")).body).not.toContain("zebra");
    const preview = await editor.get("/en/admin/guides/zebra-guide/preview");
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Where do zebras export?");

    const published = await edit(editor, { status: "published" }, "/en/admin/guides/zebra-guide");
    expect(published.statusCode).toBe(303);
    expect((await reader.get("/en/guides/zebra-guide")).statusCode).toBe(200);
    expect(JSON.parse((await reader.get("/api/v1/search?q=zebraword")).body).total).toBe(1);
    expect((await reader.get("/en/feeds/guides.atom")).body).toContain("Where do zebras export?");
  });

  it("refuses a taken identifier with 409 at its field", async () => {
    const res = await editor.submit("/en/admin/guides/new", "/en/admin/guides", {
      slug: "origin-policy",
      "body.en.text": "# Again?\n\nx",
      audience: "business",
      track: "",
      status: "draft",
      owner: "secretariat",
      topics: "",
      tools: "",
      glossary: "",
      related: "",
      sources: "",
      action: "save",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("This identifier is already used by another guide.");
  });
});

describe("the translation queue and the side-by-side editor", () => {
  it("lists what is missing or outdated, by language and owner", async () => {
    const queue = (await editor.get("/en/admin/translations?language=fr")).body;
    expect(queue).toContain('href="/en/admin/translations/guide/export-rules-of-origin/fr"');
    expect(queue).toContain('href="/en/admin/translations/guide/origin-policy/fr"');
    expect(queue).not.toContain("/guide/export-rules-of-origin/es");
    const itc = (await editor.get("/en/admin/translations?owner=itc")).body;
    expect(itc).not.toContain("/guide/origin-policy/");
    // A partner sees only their organization's.
    expect((await partner.get("/en/admin/translations")).body).not.toContain("/guide/origin-policy/");
  });

  it("shows the original, the translation and what changed in the original since, word by word", async () => {
    const page = (await editor.get("/en/admin/translations/guide/export-rules-of-origin/fr")).body;
    expect(page).toMatch(/<ins><span class="visually-hidden">\[added\] <\/span>[^<]*Customs may also ask for a supplier's declaration\./);
    expect(page).toContain('<pre class="source-text" lang="en">');
    expect(page).toContain('<textarea id="field-text" name="text" lang="fr"');
  });

  it("an editor clears it: confirmed as still matching, it leaves the queue", async () => {
    const page = "/en/admin/translations/guide/export-rules-of-origin/fr";
    const form = formOf((await editor.get(page)).body, page);
    const res = await editor.submit(page, page, { ...form, still_matches: "yes" });
    expect(res.statusCode).toBe(303);
    expect((await statuses("export-rules-of-origin"))?.fr?.status).toBe("current");
    expect((await editor.get("/en/admin/translations?language=fr")).body).not.toContain("/guide/export-rules-of-origin/fr");
    expect((await editor.get(page)).body).toContain("The original has not changed since this translation was made.");
    expect((await reader.get("/fr/guides/export-rules-of-origin")).body).not.toContain("translation-note");
  });

  it("flags partners' items not verified for a year on the dashboard", async () => {
    await sql`update knowledge_tools set verified_on = '2020-01-01', verified_by = 'Someone' where slug = 'rules-of-origin-facilitator'`.execute(t.database.db);
    const dashboard = (await partner.get("/en/admin")).body;
    expect(dashboard).toMatch(/1 partner item not verified for 365 days/);
  });
});

describe("topics, glossary terms and tools", () => {
  it("an editor writes a missing French term and definition side by side; it leaves the queue and readers see it", async () => {
    const SIDE = "/en/admin/translations/term/hs-code/fr";
    expect((await editor.get("/en/admin/translations?language=fr")).body).toContain(`href="${SIDE}"`);
    const page = (await editor.get(SIDE)).body;
    // Each text's original beside its field; the Spanish is not what is translated.
    expect(page).toMatch(/<pre class="source-text" lang="en">HS code<\/pre>/);
    expect(page).toContain('name="term"');
    expect(page).toContain('name="definition"');
    const before = await audits("glossary_term", "hs-code");
    const res = await editor.submit(SIDE, SIDE, { ...formOf(page, SIDE), term: "code SH", definition: "Le numéro à six chiffres du Système harmonisé qui classe un produit." });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${SIDE}?done=translated`);
    expect((await editor.get("/en/admin/translations?language=fr")).body).not.toContain(`href="${SIDE}"`);
    const shown = (await reader.get("/fr/glossary/hs-code")).body;
    expect(shown).toContain("code SH");
    expect(shown).not.toContain("translation-note");
    expect(await audits("glossary_term", "hs-code")).toBe(before + 1);
    // The original changes: the French is outdated, and the editor sees what changed in the definition.
    const ITEM = "/en/admin/glossary/hs-code";
    expect((await edit(editor, { "definition.en.text": "The six-digit number of the Harmonized System that classifies a traded product." }, ITEM)).statusCode).toBe(303);
    const outdated = (await editor.get(SIDE)).body;
    expect(outdated).toContain('<ins><span class="visually-hidden">[added] </span>traded </ins>');
    expect(outdated).toContain('name="definition_still_matches"');
    expect(outdated).not.toContain('name="term_still_matches"');
    const confirmed = await editor.submit(SIDE, SIDE, { ...formOf(outdated, SIDE), definition_still_matches: "yes" });
    expect(confirmed.statusCode).toBe(303);
    expect((await editor.get(SIDE)).body).not.toContain("<ins>");
    // The original language has nothing to translate; another organization's partner sees nothing.
    expect((await editor.get("/en/admin/translations/term/hs-code/en")).statusCode).toBe(404);
    expect((await partner.get(SIDE)).statusCode).toBe(404);
  });

  it("refuses a translation longer than its text allows at its field, in the editor's language, keeping it and writing nothing", async () => {
    const SIDE = "/fr/admin/translations/term/tariff/es";
    const page = (await editor.get(SIDE)).body;
    const before = await audits("glossary_term", "tariff");
    const long = "x".repeat(2001);
    const res = await editor.submit(SIDE, SIDE, { ...formOf(page, SIDE), definition: long });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#field-definition">');
    expect(res.body).toContain("trop long");
    expect(res.body).toContain(long);
    expect(await audits("glossary_term", "tariff")).toBe(before);
  });

  it("previews a topic as typed, saving nothing, and the saved version with its drafts", async () => {
    const ITEM = "/en/admin/topics/rules-of-origin";
    const before = await audits("topic", "rules-of-origin");
    const form = formOf((await editor.get(ITEM)).body, ITEM);
    const res = await editor.submit(ITEM, ITEM, { ...form, action: "preview", "summary.fr.text": "Un <b>aperçu</b> tapé, pas encore enregistré." });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<section class="preview" aria-labelledby="preview-title">');
    expect(res.body).toContain("Un &lt;b>aperçu&lt;/b> tapé, pas encore enregistré.");
    expect(res.body).not.toContain("<b>aperçu</b>");
    expect(await audits("topic", "rules-of-origin")).toBe(before);
    // A French draft reaches the saved preview, never the public page.
    expect((await edit(editor, { "summary.fr.text": "Brouillon d'un résumé.", "summary.fr.draft": "yes" }, ITEM)).statusCode).toBe(303);
    const saved = await editor.get(`${ITEM}/preview`);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Brouillon d'un résumé.");
    expect((await reader.get("/fr/topics/rules-of-origin")).body).not.toContain("Brouillon d'un résumé.");
    expect((await partner.get(`${ITEM}/preview`)).statusCode).toBe(404);
  });

  it("a partner edits their organization's tool, not the Secretariat's (404), and a bad address keeps the input", async () => {
    expect((await partner.get("/en/admin/tools")).body).not.toContain("/en/admin/tools/access2markets");
    expect((await partner.get("/en/admin/tools/access2markets")).statusCode).toBe(404);
    const bad = await edit(partner, { url: "javascript:alert(1)", languages: "en fr es ar" }, "/en/admin/tools/rules-of-origin-facilitator");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="javascript:alert(1)"');
    const ok = await edit(partner, { languages: "en fr es ar" }, "/en/admin/tools/rules-of-origin-facilitator");
    expect(ok.statusCode).toBe(303);
    expect((await reader.get("/en/tools")).body).toContain("Languages: EN, FR, ES, AR");
  });
});
