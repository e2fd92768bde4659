import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { PUBLIC } from "../actor.js";
import { messages } from "../i18n/catalogue.js";
import { choicesOf, SelectField } from "./components.js";
import { Page } from "./context.js";

const render = (node: ComponentChildren) =>
  renderToString(<Page.Provider value={{ lang: "fr", t: messages("fr"), path: "/", search: "", actor: PUBLIC, csrf: "token", origin: "http://localhost" }}>{node}</Page.Provider>);

const sizes = choicesOf(["micro", "small", "medium"] as const, (s) => s.toUpperCase());

describe("a drop-down field", () => {
  it("keeps the submitted value selected, and only that one", () => {
    const html = render(<SelectField name="size" label="Taille" choices={sizes} value="small" />);
    expect(html).toContain('<label for="field-size">Taille</label>');
    expect(html).toContain('<select id="field-size" name="size">');
    expect(html).toContain('<option value="small" selected>SMALL</option>');
    expect(html.match(/selected/g)).toHaveLength(1);
    expect(html).not.toMatch(/<option value(="")?>/);
  });

  it("offers an empty first choice when asked, shown when nothing was chosen", () => {
    const html = render(<SelectField name="size" label="Taille" choices={sizes} value="" empty="Toutes" />);
    expect(html).toMatch(/<select[^>]*><option value(="")?>Toutes<\/option><option value="micro">/);
    expect(html).not.toContain("selected");
  });

  it("ties its error to the control for screen readers and escapes the labels", () => {
    const html = render(
      <SelectField
        name="size"
        idPrefix="b-"
        label="Taille"
        hint="Choisir"
        choices={[{ value: "x", label: "<b>x</b>" }]}
        value="x"
        problems={[{ field: "size", message: "form.errorSummaryTitle" }]}
      />,
    );
    expect(html).toContain('aria-describedby="field-b-size-hint field-b-size-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`<span class="error-message" id="field-b-size-error">${messages("fr")("form.errorSummaryTitle")}</span>`);
    expect(html).toContain("&lt;b>x&lt;/b>");
  });
});
