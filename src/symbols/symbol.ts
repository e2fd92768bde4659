/**
 * WTO document symbols: the grammar, the parser and the formatter.
 *
 * A symbol is one or more parts (a joint symbol, `INF/MSME/W/58 – INF/TGE/COM/11`, lists every
 * body that issued it); each part is
 *
 *     body "/" [series "/"] number ("/" suffix)*
 *
 * - body: upper-case segments naming who issued it, `INF/MSME`, `JOB/GC`, `G/TFA`, `WT/TPR`; a
 *   segment may carry a two-digit session in parentheses, `WT/MIN(17)`. Bodies not in `BODIES`
 *   parse too (any upper-case segments); the table only helps to tell a series from a body and
 *   lets `findSymbols` recognise mentions.
 * - series (or type): one upper-case segment right before the number when it is one of `SERIES`
 *   (`CN` convening notice, `R` report, `W` working document, `P` private-sector submission,
 *   `S`/`G`/`M` in trade policy reviews, `COM`, `N`, …) and the body would not be the whole
 *   prefix otherwise. `INF/MSME/4` has none.
 * - number: 1 to 6 digits, at least 1 (leading zeros are dropped).
 * - suffixes: `Rev.n` (revision), `Corr.n` (corrigendum), `Add.n` (addendum), `Suppl.n`
 *   (supplement), in any order the WTO combines them (`/Rev.3/Corr.1`, `/Add.1/Rev.1`), each
 *   kind at most once (so at most four).
 *
 * Input is read tolerantly (spaces around slashes and dashes, lower case, `Rev 1`, `REV.1`,
 * `rev1`, a hyphen or an em dash between joint parts); output is strict: `Rev.1`, upper-case
 * bodies, parts joined by " – " (an en dash between spaces, as the WTO prints them).
 */

export const SUFFIX_KINDS = ["Rev", "Corr", "Add", "Suppl"] as const;
export type SuffixKind = (typeof SUFFIX_KINDS)[number];

export interface SymbolSuffix {
  kind: SuffixKind;
  number: number;
}

export interface SymbolPart {
  /** The issuing body's segments, e.g. `["WT", "MIN(17)"]`. */
  body: string[];
  /** The series or type segment (`W`, `CN`, …), or null. */
  series: string | null;
  number: number;
  suffixes: SymbolSuffix[];
}

export interface WtoSymbol {
  /** One part, or several for a joint symbol (the first is the one it is filed under). */
  parts: [SymbolPart, ...SymbolPart[]];
}

export type SymbolProblemPart = "body" | "series" | "number" | "suffix" | "joint" | "empty" | "length";

export interface SymbolProblem {
  part: SymbolProblemPart;
  /** Offset in the text given where the problem starts. */
  at: number;
  /** A message key of the shared catalogue (`symbols.*`). */
  message: string;
}

export type ParseResult = { ok: true; symbol: WtoSymbol } | { ok: false; problem: SymbolProblem };

/** Bodies the platform knows (longest first when matched). Others still parse. */
export const BODIES: readonly string[] = [
  "INF/MSME",
  "INF/TGE",
  "INF/IFD",
  "INF/ECOM",
  "INF/SDFFSR",
  "WT/MIN(nn)",
  "WT/GC",
  "WT/L",
  "WT/TPR",
  "WT/COMTD",
  "WT/BFA",
  "WT/DSB",
  "WT/TF",
  "JOB/GC",
  "JOB/TNC",
  "JOB/TF",
  "G/TFA",
  "G/C",
  "G/L",
  "G/SPS",
  "G/TBT",
  "G/AG",
  "G/MA",
  "S/C",
  "IP/C",
  "TN/TF",
];

/** Series and type segments: the last segment before the number is one of these when it follows a body. */
export const SERIES: ReadonlySet<string> = new Set(["CN", "R", "W", "P", "S", "G", "M", "COM", "N", "Q", "SPEC", "INF", "D", "DEC", "ID", "RD", "IP", "A"]);

export const MAX_SYMBOL_LENGTH = 200;
export const MAX_JOINT_PARTS = 4;
export const MAX_BODY_SEGMENTS = 5;

const SEGMENT = /^[A-Z][A-Z0-9]{0,11}(\(\d{2}\))?$/;
const SERIES_SEGMENT = /^[A-Z][A-Z0-9]{0,11}$/;
const NUMBER = /^\d{1,6}$/;
const SUFFIX = /^(rev|corr|add|suppl)\s*\.?\s*(\d{1,3})$/i;
/** Between joint parts: an en or em dash with or without spaces, or a hyphen between spaces. */
const JOINT_SEPARATOR = /\s*[\u2013\u2014]\s*|\s+-\s+/g;

const bodyKey = (segments: string[]) => segments.map((s) => s.replace(/\(\d{2}\)$/, "(nn)")).join("/");
const KNOWN_BODIES = new Set(BODIES);

const fail = (part: SymbolProblemPart, at: number, message: string): { ok: false; problem: SymbolProblem } => ({
  ok: false,
  problem: { part, at, message },
});

interface Piece {
  text: string;
  at: number;
}

/** Splits on `separator`, keeping each piece's offset and trimming its spaces. */
function split(text: string, at: number, separator: RegExp | "/"): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    pieces.push({ text: trimmed, at: at + start + (trimmed === raw ? 0 : raw.length - raw.trimStart().length) });
  };
  if (separator === "/") {
    for (let i = text.indexOf("/"); i >= 0; i = text.indexOf("/", start)) {
      push(i);
      start = i + 1;
    }
  } else {
    for (const match of text.matchAll(separator)) {
      push(match.index);
      start = match.index + match[0].length;
    }
  }
  push(text.length);
  return pieces;
}

function parsePart(piece: Piece): { ok: true; part: SymbolPart } | { ok: false; problem: SymbolProblem } {
  const segments = split(piece.text, piece.at, "/");
  // The number is the first segment that starts with a digit; a suffix before any number means there is none.
  const numberAt = segments.findIndex((s) => /^\d/.test(s.text) || SUFFIX.test(s.text));
  const before = numberAt < 0 ? segments : segments.slice(0, numberAt);
  if (before.length === 0 || (before.length === 1 && before[0]?.text === "")) return fail("body", piece.at, "symbols.body.missing");
  if (before.length > MAX_BODY_SEGMENTS + 1) return fail("body", before[0]?.at ?? piece.at, "symbols.body.tooLong");
  const names = before.map((s) => s.text.toUpperCase());
  for (const [i, segment] of before.entries()) {
    const name = names[i] ?? "";
    // The last of three or more segments before the number stands where a series does.
    const asSeries = i === before.length - 1 && i >= 2;
    if (name === "") return fail(asSeries ? "series" : "body", segment.at, asSeries ? "symbols.series.invalid" : "symbols.body.emptySegment");
    if (!SEGMENT.test(name)) return fail(asSeries ? "series" : "body", segment.at, asSeries ? "symbols.series.invalid" : "symbols.body.invalid");
  }
  const last = names[names.length - 1] ?? "";
  const hasSeries = names.length >= 2 && SERIES.has(last) && !KNOWN_BODIES.has(bodyKey(names));
  const body = hasSeries ? names.slice(0, -1) : names;
  if (body.length > MAX_BODY_SEGMENTS) return fail("body", before[0]?.at ?? piece.at, "symbols.body.tooLong");
  if (hasSeries && !SERIES_SEGMENT.test(last)) return fail("series", before[before.length - 1]?.at ?? piece.at, "symbols.series.invalid");

  const numberPiece = numberAt < 0 ? undefined : segments[numberAt];
  if (!numberPiece || SUFFIX.test(numberPiece.text)) {
    return fail("number", numberPiece?.at ?? piece.at + piece.text.length, "symbols.number.missing");
  }
  if (!NUMBER.test(numberPiece.text)) return fail("number", numberPiece.at, "symbols.number.invalid");
  const number = Number.parseInt(numberPiece.text, 10);
  if (number < 1) return fail("number", numberPiece.at, "symbols.number.invalid");

  const suffixes: SymbolSuffix[] = [];
  for (const segment of segments.slice(numberAt + 1)) {
    const match = SUFFIX.exec(segment.text);
    if (!match) return fail("suffix", segment.at, segment.text === "" ? "symbols.suffix.empty" : "symbols.suffix.unknown");
    const kind = SUFFIX_KINDS.find((k) => k.toLowerCase() === match[1]?.toLowerCase()) as SuffixKind;
    const n = Number.parseInt(match[2] ?? "", 10);
    if (n < 1) return fail("suffix", segment.at, "symbols.suffix.invalidNumber");
    if (suffixes.some((s) => s.kind === kind)) return fail("suffix", segment.at, "symbols.suffix.repeated");
    suffixes.push({ kind, number: n });
  }
  return { ok: true, part: { body, series: hasSeries ? last : null, number, suffixes } };
}

/** Reads a symbol typed or pasted by someone; on failure says which part is wrong and where. */
export function parseSymbol(text: string): ParseResult {
  if (typeof text !== "string" || text.trim() === "") return fail("empty", 0, "symbols.empty");
  if (text.length > MAX_SYMBOL_LENGTH) return fail("length", MAX_SYMBOL_LENGTH, "symbols.length");
  const pieces = /[\u2013\u2014]|\s-\s/.test(text) ? split(text, 0, JOINT_SEPARATOR) : [{ text: text.trim(), at: text.length - text.trimStart().length }];
  if (pieces.length > MAX_JOINT_PARTS) return fail("joint", pieces[MAX_JOINT_PARTS]?.at ?? 0, "symbols.joint.tooMany");
  const parts: SymbolPart[] = [];
  for (const piece of pieces) {
    if (piece.text === "") return fail("joint", piece.at, "symbols.joint.emptyPart");
    const result = parsePart(piece);
    if (!result.ok) return result;
    parts.push(result.part);
  }
  const formatted = parts.length > 1 ? parts.map(formatPart) : [];
  if (new Set(formatted).size !== formatted.length) return fail("joint", pieces[1]?.at ?? 0, "symbols.joint.repeated");
  return { ok: true, symbol: { parts: parts as WtoSymbol["parts"] } };
}

/** One part in canonical form: `WT/MIN(17)/58/Rev.1`. */
export function formatPart(part: SymbolPart): string {
  return [...part.body, ...(part.series ? [part.series] : []), String(part.number), ...part.suffixes.map((s) => `${s.kind}.${s.number}`)].join("/");
}

/** The canonical form: strict spelling, joint parts between " – " (en dash). */
export function formatSymbol(symbol: WtoSymbol): string {
  return symbol.parts.map(formatPart).join(" \u2013 ");
}

/** The canonical form of a symbol typed any tolerated way, or null when it is not one. */
export function canonicalSymbol(text: string): string | null {
  const result = parseSymbol(text);
  return result.ok ? formatSymbol(result.symbol) : null;
}

/** A single-part symbol from one part (for the chain helpers). */
export const symbolOf = (part: SymbolPart): WtoSymbol => ({ parts: [part] });

/**
 * The document's path under `/{lang}/documents/`: the canonical symbol of its first part (a
 * joint symbol is filed under its first body), slashes kept, each segment URL-encoded.
 * `encodeURIComponent` leaves `(`, `)` and `.` as they are: they are allowed in a path segment
 * (RFC 3986 sub-delimiters), so `WT/MIN(17)/58/Rev.1` stays readable in the address bar.
 */
export function symbolPath(symbol: WtoSymbol): string {
  return formatPart(symbol.parts[0]).split("/").map(encodeURIComponent).join("/");
}
