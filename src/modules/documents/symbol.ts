/**
 * What the registry needs of a WTO document symbol: its canonical text (the key of a document),
 * the key it sorts and is searched by prefix with, the series a number is issued in, and the
 * parts a "not yet in the registry" page shows.
 *
 * TEMPORARY: a minimal reader of symbols until the platform's symbol library (`src/symbols/`)
 * lands; then `readSymbol` is written over it and the reader below goes.
 */

export const SUFFIX_KINDS = ["Rev", "Corr", "Add", "Suppl"] as const;
export type SuffixKind = (typeof SUFFIX_KINDS)[number];

/** The parts of one symbol (of a joint symbol, its first). */
export interface SymbolParts {
  /** The issuing body, e.g. `INF/MSME`, `WT/MIN(17)`, `JOB/GC`. */
  body: string;
  /** The document type within the body, e.g. `W`, `CN`, `R`, `P`, `S`; null when there is none (`INF/MSME/4`). */
  type: string | null;
  /** The document's number in its series. */
  number: number;
  /** Status suffixes in order: `Rev.3`, `Corr.1`. */
  suffixes: { kind: SuffixKind; n: number }[];
  /** The second symbol of a joint symbol (`INF/MSME/W/58 – INF/TGE/COM/11`), in canonical form. */
  joint: string | null;
}

export interface ReadSymbol {
  /** Canonical text: `INF/MSME/W/35/Corr.1`, `WT/MIN(17)/58/Rev.1`, `INF/MSME/W/58 – INF/TGE/COM/11`. */
  canonical: string;
  /** Where a number of this series is issued: the symbol before its number (`INF/MSME/P`). */
  series: string;
  number: number;
  /** Lower case, every run of digits padded to 6: sorts as people count, searched by prefix. */
  sortKey: string;
  /** What a revised document revises: the symbol without its last status suffix (`W/6/Rev.3` → `W/6`, `W/6/Rev.3/Corr.1` → `W/6/Rev.3`); itself when it has none. */
  base: string;
  parts: SymbolParts;
}

export type SymbolProblemPart = "symbol" | "body" | "type" | "number" | "suffix" | "joint";

export interface SymbolProblem {
  part: SymbolProblemPart;
  /** Message key (documents.symbolProblems.*). */
  message: string;
}

export type SymbolReading = { ok: true; symbol: ReadSymbol } | { ok: false; problem: SymbolProblem };

const SUFFIX = /^(rev|corr|add|suppl)\.(\d{1,4})$/i;
const SEGMENT = /^[A-Z][A-Z0-9]*(\(\d{1,3}\))?$/;
const NUMBER = /^\d{1,6}$/;

/** Lower case, digit runs padded to six: `INF/MSME/W/6/Rev.3` → `inf/msme/w/000006/rev.000003`. */
export const sortKeyOf = (text: string): string => text.toLowerCase().replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, "").padStart(6, "0"));

function readOne(text: string): { ok: true; canonical: string; parts: Omit<SymbolParts, "joint"> } | { ok: false; problem: SymbolProblem } {
  const segments = text.split("/").map((s) => s.trim());
  if (segments.some((s) => s === "")) return { ok: false, problem: { part: "symbol", message: "documents.symbolProblems.emptyPart" } };
  const suffixes: { kind: SuffixKind; n: number }[] = [];
  while (segments.length > 0 && SUFFIX.test(segments[segments.length - 1] ?? "")) {
    const match = SUFFIX.exec(segments.pop() ?? "");
    const kind = SUFFIX_KINDS.find((k) => k.toLowerCase() === match?.[1]?.toLowerCase()) ?? "Rev";
    suffixes.unshift({ kind, n: Number(match?.[2]) });
  }
  if (suffixes.some((s) => s.n === 0)) return { ok: false, problem: { part: "suffix", message: "documents.symbolProblems.suffixZero" } };
  const numberText = segments.pop() ?? "";
  if (!NUMBER.test(numberText)) {
    return { ok: false, problem: /^(rev|corr|add|suppl)\b/i.test(numberText) ? { part: "suffix", message: "documents.symbolProblems.suffix" } : { part: "number", message: "documents.symbolProblems.number" } };
  }
  const upper = segments.map((s) => s.toUpperCase());
  if (upper.length < 2) return { ok: false, problem: { part: "body", message: "documents.symbolProblems.body" } };
  const wrong = upper.findIndex((s) => !SEGMENT.test(s));
  if (wrong !== -1) return { ok: false, problem: { part: wrong < 2 ? "body" : "type", message: "documents.symbolProblems.segment" } };
  const number = Number(numberText);
  const base = [...upper, String(number)].join("/");
  const canonical = [base, ...suffixes.map((s) => `${s.kind}.${s.n}`)].join("/");
  return { ok: true, canonical, parts: { body: upper.slice(0, 2).join("/"), type: upper.length > 2 ? upper.slice(2).join("/") : null, number, suffixes } };
}

/** Reads a symbol as people type it (any case, spaces around slashes, either dash in a joint symbol). */
export function readSymbol(input: string): SymbolReading {
  const text = input.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (text === "") return { ok: false, problem: { part: "symbol", message: "documents.symbolProblems.empty" } };
  if (text.length > 120) return { ok: false, problem: { part: "symbol", message: "documents.symbolProblems.tooLong" } };
  const halves = text.split(/\s*[–—]\s*|\s+-\s+/);
  if (halves.length > 2) return { ok: false, problem: { part: "joint", message: "documents.symbolProblems.joint" } };
  const first = readOne(halves[0] ?? "");
  if (!first.ok) return first;
  let joint: string | null = null;
  if (halves.length === 2) {
    const second = readOne(halves[1] ?? "");
    if (!second.ok) return { ok: false, problem: { part: "joint", message: second.problem.message } };
    joint = second.canonical;
  }
  const canonical = joint ? `${first.canonical} – ${joint}` : first.canonical;
  const { body, type, number, suffixes } = first.parts;
  const series = [body, ...(type ? [type] : [])].join("/");
  const baseParts = suffixes.length > 0 ? [series, String(number), ...suffixes.slice(0, -1).map((s) => `${s.kind}.${s.n}`)] : [series, String(number)];
  return {
    ok: true,
    symbol: { canonical, series, number, sortKey: sortKeyOf(canonical), base: baseParts.join("/"), parts: { body, type, number, suffixes, joint } },
  };
}

/** The canonical text of a symbol, or null when it is not one. */
export const canonicalOf = (input: string): string | null => {
  const read = readSymbol(input);
  return read.ok ? read.symbol.canonical : null;
};

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
