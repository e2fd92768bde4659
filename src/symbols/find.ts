import { BODIES, parseSymbol, type WtoSymbol } from "./symbol.js";

export interface SymbolMention {
  /** Offsets in the text: `text.slice(start, end)` is the mention as written. */
  start: number;
  end: number;
  symbol: WtoSymbol;
}

/*
 * Mentions are found conservatively: a mention starts with a body the platform knows (`BODIES`),
 * written in upper case as the WTO prints it, is not glued to a word, a path or a URL on either
 * side, and must then parse as a whole. Suffixes may be written `Rev.1`, `Rev. 1` or `rev.1`.
 * A joint symbol is two or more mentions joined by an en/em dash or a spaced hyphen.
 */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const BODY = [...BODIES]
  .sort((a, b) => b.length - a.length)
  .map((b) => escapeRegExp(b).replace("\\(nn\\)", "\\(\\d{2}\\)"))
  .join("|");
const SUFFIX = "(?:[Rr][Ee][Vv]|[Cc][Oo][Rr][Rr]|[Aa][Dd][Dd]|[Ss][Uu][Pp][Pp][Ll])\\.? ?\\d{1,3}";
const PART = `(?:${BODY})(?:/[A-Z][A-Z0-9]{0,11})*/\\d{1,6}(?:/${SUFFIX})*`;
/** Not preceded by a letter, digit or a character of a path, address or URL. */
const BEFORE = "(?<![\\p{L}\\p{N}_/\\\\.@:=?&#%+~-])";
/** Not followed by a letter, digit, another path segment, nor punctuation glued to a word (`36.5`, `W/3-x`). */
const AFTER = "(?![\\p{L}\\p{N}_/\\\\@(]|[.:,\\-][\\p{L}\\p{N}])";
const JOINT = "(?:\\s*[\\u2013\\u2014]\\s*|\\s+-\\s+)";
const MENTION = new RegExp(`${BEFORE}${PART}${AFTER}(?:${JOINT}${PART}${AFTER})*`, "gu");
/** URLs and e-mail addresses, inside which nothing is a mention. */
const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"]*|\bwww\.[^\s<>"]*|[^\s<>"@]+@[^\s<>"@]+/giu;

/** Every symbol mentioned in free text, in order; never inside a URL, an address or a word. */
export function findSymbols(text: string): SymbolMention[] {
  if (typeof text !== "string" || text === "") return [];
  const excluded = [...text.matchAll(URLS)].map((m) => [m.index, m.index + m[0].length] as const);
  const mentions: SymbolMention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const start = match.index;
    const end = start + match[0].length;
    if (excluded.some(([a, b]) => start < b && end > a)) continue;
    const parsed = parseSymbol(match[0]);
    if (parsed.ok) mentions.push({ start, end, symbol: parsed.symbol });
  }
  return mentions;
}
