import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { PUBLIC } from "../actor.js";
import { messages } from "../i18n/catalogue.js";
import { EMPTY_TEXT, formValuesOf, resolveText, type StoredText, translatableText } from "../i18n/content.js";
import type { Lang } from "../i18n/lang.js";
import { Page } from "./context.js";
import { maxLengthOf } from "./limits.js";
import { TranslatableField, TranslatedText } from "./translatable.js";

const render = (lang: Lang, node: ComponentChildren) =>
  renderToString(<Page.Provider value={{ lang, t: messages(lang), path: "/", search: "", actor: PUBLIC, csrf: "token", origin: "http://localhost" }}>{node}</Page.Provider>);

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const text: StoredText = {
  source: "en",
  values: { en: { text: "Original.\n\nSecond paragraph.", editedAt: at(10) }, fr: { text: "Ancienne traduction.", editedAt: at(5) }, es: { text: "Borrador.", editedAt: at(20), draft: true } },
};

describe("a text as readers see it", () => {
  it("marks a fallback with its language and says so in the reader's language", () => {
    const html = render("es", <TranslatedText shown={resolveText(text, "es")} />);
    expect(html).toContain('<p class="translation-note">Este texto aún no está disponible en español; se muestra en inglés.</p>');
    expect(html).toContain('<div class="translated-text" lang="en"><p>Original.</p><p>Second paragraph.</p></div>');
    expect(html).not.toContain("Borrador");
  });

  it("says when the translation shown is outdated, and nothing more when it is current", () => {
    expect(render("fr", <TranslatedText shown={resolveText(text, "fr")} />)).toContain(
      "Cette traduction n'est peut-être plus à jour : l'original en anglais a été modifié depuis.",
    );
    expect(render("en", <TranslatedText shown={resolveText(text, "en")} />)).not.toContain("translation-note");
    expect(render("en", <TranslatedText shown={null} empty="Nothing yet." />)).toBe('<p class="meta">Nothing yet.</p>');
  });
});

describe("a text as editors edit it", () => {
  const field = translatableText({ max: 300 });
  const form = (stored: StoredText, problems: { field: string; message: string }[] = []) =>
    render(
      "en",
      <TranslatableField name="note" label="Note" stored={stored} input={formValuesOf("note", stored)} problems={problems} max={maxLengthOf(field.text)} idPrefix="m-" />,
    );

  it("shows each language's status as text and as a class, with its limit from the schema", () => {
    const html = form(text);
    expect(html).toContain("<legend>Note</legend>");
    expect(html).toContain('<span class="translation-status status-current" id="field-m-note.en.text-status">Status: original text</span>');
    expect(html).toContain('<span class="translation-status status-outdated" id="field-m-note.fr.text-status">Status: outdated</span>');
    expect(html).toContain('<span class="translation-status status-draft" id="field-m-note.es.text-status">Status: draft, not published</span>');
    expect(html).toMatch(/<textarea id="field-m-note.fr.text" name="note.fr.text" lang="fr" rows="5" maxlength="300"/);
    // "Still matches" only where outdated; the draft box ticked for the draft.
    expect(html).toContain('name="note.fr.matches"');
    expect(html).not.toContain('name="note.en.matches"');
    expect(html).toMatch(/<input type="checkbox" id="field-m-note.es.text-draft" name="note.es.draft" value="yes" checked/);
    expect(html).toContain('<select id="field-m-note.source" name="note.source"');
  });

  it("has no original to choose before anything is written, and shows each problem at its control", () => {
    const html = form(EMPTY_TEXT, [
      { field: "note.fr.text", message: "validation.required" },
      { field: "note.de", message: "validation.unknownLanguage" },
    ]);
    expect(html).not.toContain('name="note.source"');
    expect(html).toContain('Status: not written');
    expect(html).toMatch(/<textarea id="field-m-note.fr.text"[^>]*aria-describedby="field-m-note.fr.text-status field-m-note.fr.text-error" aria-invalid="true"/);
    expect(html).toContain('<p class="error-message">This is not one of the platform');
  });
});
