import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { PUBLIC } from "../actor.js";
import { messages } from "../i18n/catalogue.js";
import type { Lang } from "../i18n/lang.js";
import { Page } from "./context.js";
import { Mentions } from "./mentions.js";

const render = (lang: Lang, text: string) =>
  renderToString(
    <Page.Provider value={{ lang, t: messages(lang), path: "/", search: "", actor: PUBLIC, csrf: "", origin: "http://localhost" }}>
      <p>
        <Mentions text={text} />
      </p>
    </Page.Provider>,
  );

describe("mentions of document symbols", () => {
  it("links every symbol to its document page in the reader's language, slashes kept", () => {
    expect(render("fr", "Voir WT/MIN(17)/58/Rev.1 et INF/MSME/W/35/Corr.1.")).toBe(
      '<p>Voir <a class="symbol" href="/fr/documents/WT/MIN(17)/58/Rev.1">WT/MIN(17)/58/Rev.1</a> et <a class="symbol" href="/fr/documents/INF/MSME/W/35/Corr.1">INF/MSME/W/35/Corr.1</a>.</p>',
    );
  });

  it("links a joint symbol to its first part and a loosely written one to its canonical form", () => {
    expect(render("en", "INF/MSME/W/58 – INF/TGE/COM/11")).toBe(
      '<p><a class="symbol" href="/en/documents/INF/MSME/W/58">INF/MSME/W/58 – INF/TGE/COM/11</a></p>',
    );
    expect(render("es", "según INF/MSME/W/6/rev. 3")).toBe(
      '<p>según <a class="symbol" href="/es/documents/INF/MSME/W/6/Rev.3" title="INF/MSME/W/6/Rev.3">INF/MSME/W/6/rev. 3</a></p>',
    );
  });

  it("escapes the text around and leaves URLs and unknown bodies alone", () => {
    expect(render("en", '<script>alert("x")</script> G/TFA/2 & https://docs.wto.org/G/TFA/2 ABC/W/3')).toBe(
      '<p>&lt;script>alert(&quot;x&quot;)&lt;/script> <a class="symbol" href="/en/documents/G/TFA/2">G/TFA/2</a> &amp; https://docs.wto.org/G/TFA/2 ABC/W/3</p>',
    );
    expect(render("en", "no symbol here")).toBe("<p>no symbol here</p>");
  });
});
