import { formatPart, formatSymbol, parseSymbol, revises, type SuffixKind, type SymbolProblem, symbolPath } from "../../symbols/index.js";

/**
 * What the registry needs of a WTO document symbol, read with the platform's symbol library
 * (`src/symbols/`): its canonical text, the part it is filed under (a joint symbol's first part:
 * its page and its key), the key it sorts and is searched by prefix with, the series a number
 * is issued in, what it revises, and the parts a "not yet in the registry" page shows.
 */

export type { SuffixKind, SymbolProblem } from "../../symbols/index.js";

/** The parts of a symbol as a page shows them (of a joint symbol, its first). */
export interface SymbolParts {
  /** The issuing body, e.g. `INF/MSME`, `WT/MIN(17)`, `JOB/GC`. */
  body: string;
  /** The series or type within the body, e.g. `W`, `CN`, `R`, `P`, `S`; null when there is none (`INF/MSME/4`). */
  type: string | null;
  number: number;
  /** Status suffixes in order: `Rev.3`, `Corr.1`. */
  suffixes: { kind: SuffixKind; n: number }[];
  /** The other parts of a joint symbol (`INF/TGE/COM/11` of `INF/MSME/W/58 – INF/TGE/COM/11`), canonical. */
  joint: string | null;
}

export interface ReadSymbol {
  /** Canonical text: `INF/MSME/W/35/Corr.1`, `WT/MIN(17)/58/Rev.1`, `INF/MSME/W/58 – INF/TGE/COM/11`. */
  canonical: string;
  /** The part it is filed under (a joint symbol's first), canonical: one document per filed part. */
  filedAs: string;
  /** The document's address under `/{lang}/documents/`, without the leading slash (`symbolPath`). */
  path: string;
  /** Where a number of this series is issued: the filed part before its number (`INF/MSME/P`). */
  series: string;
  number: number;
  /** The filed part in lower case, every run of digits padded to 6: sorts as people count, searched by prefix. */
  sortKey: string;
  /** What it revises or corrects (`W/6/Rev.3` → `W/6`, `W/6/Rev.3/Corr.1` → `W/6/Rev.3`); itself for an original or an addendum. */
  base: string;
  parts: SymbolParts;
}

export type SymbolReading = { ok: true; symbol: ReadSymbol } | { ok: false; problem: SymbolProblem };

/** Lower case, digit runs padded to six: `INF/MSME/W/6/Rev.3` → `inf/msme/w/000006/rev.000003`. */
export const sortKeyOf = (text: string): string => text.toLowerCase().replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, "").padStart(6, "0"));

/** Reads a symbol as people type it (any case, spaces around slashes, either dash in a joint symbol). */
export function readSymbol(input: string): SymbolReading {
  const parsed = parseSymbol(input.normalize("NFKC"));
  if (!parsed.ok) return parsed;
  const symbol = parsed.symbol;
  const [first, ...others] = symbol.parts;
  const filedAs = formatPart(first);
  const revised = revises(symbol);
  return {
    ok: true,
    symbol: {
      canonical: formatSymbol(symbol),
      filedAs,
      path: symbolPath(symbol),
      series: [...first.body, ...(first.series ? [first.series] : [])].join("/"),
      number: first.number,
      sortKey: sortKeyOf(filedAs),
      base: revised ? formatPart(revised.parts[0]) : filedAs,
      parts: {
        body: first.body.join("/"),
        type: first.series,
        number: first.number,
        suffixes: first.suffixes.map((s) => ({ kind: s.kind, n: s.number })),
        joint: others.length > 0 ? others.map(formatPart).join(" – ") : null,
      },
    },
  };
}

/** The canonical text of a symbol, or null when it is not one. */
export const canonicalOf = (input: string): string | null => {
  const read = readSymbol(input);
  return read.ok ? read.symbol.canonical : null;
};

/** The page of a document by its symbol (canonical, or any spelling): `/documents/INF/MSME/W/35/Corr.1`. */
export function documentPath(symbol: string): string {
  const read = readSymbol(symbol);
  return `/documents/${read.ok ? read.symbol.path : symbol.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * A prefix of symbols as the list's filter takes it (`INF/MSME/W`, `inf/msme/w/6`), as a prefix of
 * sort keys: matched part by part for numbers (`W/6` is W/6 and its revisions, not W/60), by the
 * start of the last word otherwise (`INF/MS`). Null when nothing is left to match.
 */
export function prefixKeyOf(input: string): string | null {
  const text = input.normalize("NFKC").trim().replace(/\s*\/\s*/g, "/").replace(/\/+$/, "");
  if (text === "") return null;
  return sortKeyOf(text);
}
