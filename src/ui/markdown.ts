import MarkdownIt, { type Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown that editors type, rendered to HTML on the server and sanitized before it reaches a
 * page. Two locks, each enough on its own:
 *  1. markdown-it runs with `html: false`: HTML typed in the Markdown is shown as text, never
 *     parsed; its link check refuses `javascript:`, `vbscript:`, `file:` and `data:` addresses.
 *  2. sanitize-html then keeps only an allow-list of elements, attributes, classes and URL schemes
 *     (http, https, mailto, and addresses of this site), whatever the renderer produced.
 *
 * On top: headings get stable ids (from their text, accents folded, numbered when repeated) and
 * are listed for a table of contents; the first occurrence of each glossary term is linked to
 * its definition; links to other sites are marked (class `external`, `rel`, and a hidden "(external
 * site)" for screen readers, in the reader's language). Images are not rendered (the content
 * security policy would block other sites' images anyway): `![alt](url)` shows as a link.
 */

/** A heading of the rendered text, for a table of contents. */
export interface MarkdownHeading {
  level: number;
  id: string;
  text: string;
}

/** A glossary term to link where it first appears. */
export interface GlossaryLink {
  /** The term as it appears in running text (matched ignoring case, on word boundaries). */
  term: string;
  /** Where its definition is, e.g. `/es/glossary/rules-of-origin`. */
  href: string;
}

export interface MarkdownOptions {
  /**
   * The highest heading level the text may use (2 by default: a page's `<h1>` is its title), so a
   * `#` heading becomes an `<h2>`; `##` and below keep their level.
   */
  minLevel?: number;
  /** Terms whose first occurrence (outside headings, links and code) links to the glossary. */
  glossary?: readonly GlossaryLink[];
  /** Hidden text after a link to another site, in the reader's language, e.g. "(external site)". */
  externalLabel?: string;
  /** This site's origin (`https://trade4msmes.org`): absolute links to it are not external. */
  origin?: string;
  /** Prefix of heading ids, to keep two texts on one page apart. */
  idPrefix?: string;
}

export interface RenderedMarkdown {
  /** Sanitized HTML, safe to insert into a page as it is. */
  html: string;
  headings: MarkdownHeading[];
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable(["image"]);
// A link to another site ends with a hidden "(external site)" in the reader's language.
md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
  const label = (env as { externalLabel?: string } | undefined)?.externalLabel;
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) break;
    if (t.type === "link_close") depth++;
    else if (t.type === "link_open") {
      if (depth === 0) {
        const hidden = t.meta?.external && label ? `<span class="visually-hidden"> ${md.utils.escapeHtml(label)}</span>` : "";
        return hidden + self.renderToken(tokens, idx, options);
      }
      depth--;
    }
  }
  return self.renderToken(tokens, idx, options);
};

/** An id from a heading's text: lower case, accents folded, letters and digits joined by hyphens. */
export function slugifyHeading(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? "section" : slug;
}

const textOf = (token: Token): string =>
  (token.children ?? [])
    .map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? " " : ""))
    .join("");

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Splits the inline tokens of a paragraph to link the first occurrence of each term not yet linked. */
function linkTerms(tokens: Token[], terms: { link: GlossaryLink; pattern: RegExp }[], done: Set<string>, TokenClass: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token): Token[] {
  const out: Token[] = [];
  let insideLink = 0;
  for (const token of tokens) {
    if (token.type === "link_open") insideLink++;
    if (token.type === "link_close") insideLink--;
    if (token.type !== "text" || insideLink > 0) {
      out.push(token);
      continue;
    }
    let rest = token.content;
    let plain = "";
    for (;;) {
      let match: { index: number; length: number; link: GlossaryLink } | null = null;
      for (const term of terms) {
        const m = term.pattern.exec(rest);
        // The earliest match wins; at one place, the longer term (terms are sorted longest first),
        // so "origin" inside "rules of origin" belongs to the longer term even once it is linked.
        if (m && (match === null || m.index < match.index)) match = { index: m.index, length: m[0].length, link: term.link };
      }
      if (!match) break;
      const end = match.index + match.length;
      if (done.has(match.link.href)) {
        plain += rest.slice(0, end);
        rest = rest.slice(end);
        continue;
      }
      done.add(match.link.href);
      plain += rest.slice(0, match.index);
      if (plain !== "") out.push(Object.assign(new TokenClass("text", "", 0), { content: plain }));
      plain = "";
      const open = new TokenClass("link_open", "a", 1);
      open.attrs = [
        ["href", match.link.href],
        ["class", "glossary-term"],
      ];
      out.push(open);
      out.push(Object.assign(new TokenClass("text", "", 0), { content: rest.slice(match.index, end) }));
      out.push(new TokenClass("link_close", "a", -1));
      rest = rest.slice(end);
    }
    rest = plain + rest;
    if (rest !== "") out.push(Object.assign(new TokenClass("text", "", 0), { content: rest }));
  }
  return out;
}

function isExternal(href: string, origin: string | undefined): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  if (!origin) return true;
  try {
    return new URL(href).origin !== new URL(origin).origin;
  } catch {
    return true;
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "s", "span"],
  allowedAttributes: {
    a: ["href", "class", "rel"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    h5: ["id"],
    h6: ["id"],
    ol: ["start"],
    span: ["class"],
  },
  allowedClasses: { a: ["external", "glossary-term"], span: ["visually-hidden"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
};

/** Renders Markdown typed by an editor to sanitized HTML, with its headings. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const minLevel = Math.min(6, Math.max(1, options.minLevel ?? 2));
  const levelOf = (tag: string) => Math.min(6, Math.max(minLevel, Number(tag.slice(1))));
  const env = {};
  const tokens = md.parse(source, env);
  const headings: MarkdownHeading[] = [];
  const used = new Map<string, number>();
  const terms = [...(options.glossary ?? [])]
    .filter((g) => g.term.trim() !== "")
    .sort((a, b) => b.term.length - a.term.length)
    .map((link) => ({ link, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(link.term.trim())}(?![\\p{L}\\p{N}])`, "iu") }));
  const linked = new Set<string>();
  let inHeading = false;
  for (const token of tokens) {
    if (token.type === "heading_open") {
      inHeading = true;
      token.tag = `h${levelOf(token.tag)}`;
    } else if (token.type === "heading_close") {
      inHeading = false;
      token.tag = `h${levelOf(token.tag)}`;
    } else if (token.type === "inline" && inHeading) {
      const open = tokens[tokens.indexOf(token) - 1];
      const text = textOf(token).trim();
      const base = (options.idPrefix ?? "") + slugifyHeading(text);
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      const id = n === 1 ? base : `${base}-${n}`;
      if (open) {
        open.attrSet("id", id);
        headings.push({ level: Number(open.tag.slice(1)), id, text });
      }
    } else if (token.type === "inline" && token.children && terms.length > 0) {
      token.children = linkTerms(token.children, terms, linked, token.constructor as new (type: string, tag: string, nesting: -1 | 0 | 1) => Token);
    }
    if (token.type === "inline" && token.children) {
      for (const child of token.children) {
        if (child.type !== "link_open") continue;
        const href = String(child.attrGet("href") ?? "");
        if (isExternal(href, options.origin)) {
          child.attrJoin("class", "external");
          child.attrSet("rel", "external noopener noreferrer");
          child.meta = { external: true };
        }
      }
    }
  }
  const html = md.renderer.render(tokens, md.options, { externalLabel: options.externalLabel });
  return { html: sanitizeMarkdownHtml(html), headings };
}

/** The sanitizer alone, with the same allow-list: for HTML from anywhere else. */
export function sanitizeMarkdownHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** The plain text of Markdown (for search, summaries, feeds): its words, no markup. */
export function markdownToText(source: string): string {
  const tokens = md.parse(source, {});
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === "inline") parts.push(textOf(token));
    else if (token.type === "code_block" || token.type === "fence") parts.push(token.content);
  }
  return parts
    .join("\n")
    .replace(/[ \t]+/g, " ")
    .trim();
}
