import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown, sanitizeMarkdownHtml, slugifyHeading } from "./markdown.js";

/** Whatever the input, none of these may survive as markup. */
function expectHarmless(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<object|<embed|<img|<svg|<form|<input|<link|<meta/i);
  expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
  expect(html).not.toMatch(/<[^>]+\sstyle\s*=/i);
  expect(html).not.toMatch(/href\s*=\s*"\s*(javascript|vbscript|data|file):/i);
}

describe("renderMarkdown", () => {
  it("renders the usual Markdown", () => {
    const { html } = renderMarkdown("A *short* **guide**.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n`code`");
    expect(html).toContain("<em>short</em>");
    expect(html).toContain("<strong>guide</strong>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<ol>\n<li>first</li>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>code</code>");
  });

  it("shows typed HTML as text: script, iframe, style, event handlers", () => {
    const hostile = [
      '<script>alert("x")</script>',
      '<iframe src="https://evil.example"></iframe>',
      "<style>body{display:none}</style>",
      '<img src="x" onerror="alert(1)">',
      '<a href="#" onclick="alert(1)">click</a>',
      '<p style="position:fixed">over</p>',
      '<svg onload="alert(1)"></svg>',
    ].join("\n\n");
    const { html } = renderMarkdown(hostile);
    expectHarmless(html);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;iframe");
  });

  it("refuses dangerous link addresses: javascript:, vbscript:, data:, file:", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "file:///etc/passwd", "&#106;avascript:alert(1)"]) {
      const { html } = renderMarkdown(`[click](${href}) and <${href}>`);
      expectHarmless(html);
      expect(html).not.toMatch(/href="[^"]*script/i);
    }
  });

  it("keeps http, https, mailto and this site's paths", () => {
    const { html } = renderMarkdown("[a](https://example.org/x) [b](mailto:msme@wto.org) [c](/en/glossary/tariff) [d](#step-2)");
    expect(html).toContain('href="https://example.org/x"');
    expect(html).toContain('href="mailto:msme@wto.org"');
    expect(html).toContain('href="/en/glossary/tariff"');
    expect(html).toContain('href="#step-2"');
  });

  it("does not render images (an image is not a link either way out of the policy)", () => {
    const { html } = renderMarkdown("![logo](https://evil.example/track.png)");
    expect(html).not.toContain("<img");
  });

  it("sanitizes HTML from elsewhere with the same allow-list", () => {
    const html = sanitizeMarkdownHtml('<p onclick="x()" style="color:red">a<script>b</script><a href="javascript:x()">c</a><iframe src="/"></iframe></p>');
    expectHarmless(html);
    expect(html).toContain("<p>a");
    expect(html).not.toContain("<a href");
  });

  it("survives any input without letting markup through (property)", () => {
    const pieces = fc.constantFrom(
      "<script>",
      "</script>",
      "<iframe>",
      '" onmouseover="x()',
      "javascript:",
      "data:text/html,",
      "[x](",
      ")",
      "](",
      "<",
      ">",
      "`",
      "#",
      "\n\n",
      "*",
      "<a href=",
      "style=",
      "&#x6A;",
      "tariff",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 30 }), (parts) => {
        const { html } = renderMarkdown(parts.join(""), { glossary: [{ term: "tariff", href: "/en/glossary/tariff" }], externalLabel: "(external)" });
        expectHarmless(html);
      }),
      { numRuns: 300 },
    );
  });

  it("anchors headings with stable ids, numbered when repeated, below the page's title", () => {
    const source = "# Dónde empezar\n\ntext\n\n## Step 1: find your code\n\n## Step 1: find your code\n\n## <script>\n";
    const first = renderMarkdown(source);
    expect(first.headings).toEqual([
      { level: 2, id: "donde-empezar", text: "Dónde empezar" },
      { level: 2, id: "step-1-find-your-code", text: "Step 1: find your code" },
      { level: 2, id: "step-1-find-your-code-2", text: "Step 1: find your code" },
      { level: 2, id: "script", text: "<script>" },
    ]);
    expect(first.html).toContain('<h2 id="donde-empezar">Dónde empezar</h2>');
    expect(first.html).toContain('<h2 id="script">&lt;script&gt;</h2>');
    expect(renderMarkdown(source).html).toBe(first.html);
    expect(renderMarkdown("### Hi").html).toContain('<h3 id="hi">');
    expect(renderMarkdown("## Hi", { minLevel: 3 }).html).toContain("<h3");
    expect(renderMarkdown("# Hi", { idPrefix: "fr-" }).html).toContain('<h2 id="fr-hi">');
  });

  it("slugifies headings with accents folded and a fallback for empty ones", () => {
    expect(slugifyHeading("Règles d'origine : où ?")).toBe("regles-d-origine-ou");
    expect(slugifyHeading("¿Cómo cobro?")).toBe("como-cobro");
    expect(slugifyHeading("!!!")).toBe("section");
  });

  it("links the first occurrence of each glossary term only, not in headings, links or code", () => {
    const glossary = [
      { term: "rules of origin", href: "/en/glossary/rules-of-origin" },
      { term: "origin", href: "/en/glossary/origin" },
      { term: "HS code", href: "/en/glossary/hs-code" },
    ];
    const { html } = renderMarkdown(
      "## Rules of origin\n\nFind your [HS code](https://example.org) first. `HS code` in code.\n\nThe Rules of Origin decide. Rules of origin again; the HS code now; origin too.",
      { glossary },
    );
    expect(html).toContain('<h2 id="rules-of-origin">Rules of origin</h2>');
    expect(html.match(/glossary-term/g)).toHaveLength(3);
    expect(html).toContain('The <a href="/en/glossary/rules-of-origin" class="glossary-term">Rules of Origin</a> decide.');
    expect(html).toContain('the <a href="/en/glossary/hs-code" class="glossary-term">HS code</a> now');
    expect(html).toContain('<a href="/en/glossary/origin" class="glossary-term">origin</a> too');
    expect(html).toContain("<code>HS code</code>");
  });

  it("matches glossary terms on word boundaries in any script", () => {
    const { html } = renderMarkdown("Un arancel, des arancels, exportación.", { glossary: [{ term: "arancel", href: "/es/glossary/tariff" }, { term: "export", href: "/es/glossary/export" }] });
    expect(html).toContain('Un <a href="/es/glossary/tariff" class="glossary-term">arancel</a>,');
    expect(html).not.toContain("/es/glossary/export");
  });

  it("marks links to other sites, with a hidden label in the reader's language", () => {
    const { html } = renderMarkdown("[ePing](https://epingalert.org/fr) and [home](https://t4m.example/fr) and [guide](/fr/guides/x)", {
      externalLabel: "(site externe)",
      origin: "https://t4m.example",
    });
    expect(html).toContain('<a href="https://epingalert.org/fr" class="external" rel="external noopener noreferrer">ePing<span class="visually-hidden"> (site externe)</span></a>');
    expect(html).toContain('<a href="https://t4m.example/fr">home</a>');
    expect(html).toContain('<a href="/fr/guides/x">guide</a>');
  });

  it("gives the plain text for search and summaries", () => {
    expect(markdownToText("## Step one\n\nFind *your* [code](https://x.example).\nThen <b>act</b>.")).toBe("Step one\nFind your code. Then <b>act</b>.");
  });
});
