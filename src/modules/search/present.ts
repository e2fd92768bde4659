import { MARK_END, MARK_START } from "./repo.js";
import type { SearchItem } from "./schema.js";
import type { Hit } from "./service.js";

/** A piece of a snippet: text as stored, and whether it is a word found (shown as `<mark>`). */
export interface Highlight {
  text: string;
  mark: boolean;
}

/**
 * Splits a headline at its marks. The pieces stay text: the page renders each with Preact, which
 * escapes it, and wraps the marked ones in `<mark>`; no markup from a record ever reaches a page.
 */
export function highlights(headline: string): Highlight[] {
  const pieces: Highlight[] = [];
  let mark = false;
  let text = "";
  for (const char of headline) {
    if (char === MARK_START || char === MARK_END) {
      if (text) pieces.push({ text, mark });
      text = "";
      mark = char === MARK_START;
    } else {
      text += char;
    }
  }
  if (text) pieces.push({ text, mark });
  return pieces;
}

/** The snippet as plain text, for the API: the marks dropped. */
export const plainSnippet = (headline: string): string => highlights(headline).map((h) => h.text).join("");

export function presentItem(hit: Hit): SearchItem {
  return { kind: hit.kind, title: hit.title, url: hit.url, snippet: plainSnippet(hit.headline), ...(hit.textLang ? { language: hit.textLang } : {}) };
}
