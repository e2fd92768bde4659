/**
 * Reading the WTO RTA database's "All RTAs" export, cell by cell, as pure functions: no file, no
 * database. A real export has stray whitespace (" Yes", "In Force " …), dates as spreadsheet dates,
 * serial numbers or text ("16-Jul-23", "01-Jan-2010"), placeholder dates (01-Jan-9999 for "not
 * yet"), and names in WTO style, some with commas of their own ("Korea, Republic of").
 */

export type Coverage = "goods" | "services" | "goods_services";
export type Status = "in_force" | "in_force_partly" | "signed" | "negotiating" | "inactive";
export const STATUSES: readonly Status[] = ["in_force", "in_force_partly", "signed", "negotiating", "inactive"];
export const COVERAGES: readonly Coverage[] = ["goods", "services", "goods_services"];

/** Whitespace of every kind (non-breaking spaces too) folded to one space, trimmed; empty → null. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const raw = typeof value === "object" && value !== null && "richText" in value
    ? (value as { richText: { text: string }[] }).richText.map((r) => r.text).join("")
    : typeof value === "object" && value !== null && "text" in value
      ? String((value as { text: unknown }).text)
      : String(value);
  const text = raw.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ").trim();
  return text === "" ? null : text;
}

/** Like cleanText, but keeps line breaks (remarks are paragraphs). */
export function cleanParagraphs(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(typeof value === "object" && value !== null && "richText" in value
    ? (value as { richText: { text: string }[] }).richText.map((r) => r.text).join("")
    : value)
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text === "" ? null : text;
}

export type DateCell =
  | { kind: "empty" }
  | { kind: "date"; day: string }
  /** A stand-in for "not yet" or "unknown" (01-Jan-9999, 00-Jan-1900). */
  | { kind: "placeholder"; text: string }
  | { kind: "invalid"; text: string };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, "0");

/** A real calendar day as YYYY-MM-DD, or null. */
function dayOf(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** Years the export uses as placeholders rather than as dates. */
const isPlaceholderYear = (year: number) => year >= 9000 || year <= 1900;

/** Two-digit years as the export writes them: 48–99 are 19xx (the GATT began in 1948), else 20xx. */
const fullYear = (yy: number) => (yy >= 48 ? 1900 + yy : 2000 + yy);

/**
 * A date cell: a spreadsheet date (exceljs gives a Date at UTC midnight), a serial number (days
 * since 1899-12-30, the 1900 date system), or text: `16-Jul-23`, `16-Jul-2023`, `16 July 2023`,
 * `2023-07-16`, `16/07/2023` (day first). Placeholders (year 9999, serial 0) are told apart.
 */
export function parseDateCell(value: unknown): DateCell {
  if (value === null || value === undefined) return { kind: "empty" };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: "invalid", text: String(value) };
    // exceljs reads a date cell as UTC midnight; a time of day a few ms off (floating serials) is rounded.
    const rounded = new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000);
    const year = rounded.getUTCFullYear();
    const day = dayOf(year, rounded.getUTCMonth() + 1, rounded.getUTCDate());
    if (!day) return { kind: "invalid", text: value.toISOString() };
    return isPlaceholderYear(year) ? { kind: "placeholder", text: day } : { kind: "date", day };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "invalid", text: String(value) };
    if (value <= 1) return { kind: "placeholder", text: String(value) };
    const ms = Math.round(value) * 86_400_000 + Date.UTC(1899, 11, 30);
    return parseDateCell(new Date(ms));
  }
  const text = cleanText(value);
  if (text === null) return { kind: "empty" };
  if (/^\d+(\.\d+)?$/.test(text)) return parseDateCell(Number(text));
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?$/.exec(text);
  if (m) return fromParts(text, Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-\s/.]+([A-Za-z]+)\.?[-\s/.,]+(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[(m[2] ?? "").toLowerCase()];
    if (!month) return { kind: "invalid", text };
    const y = Number(m[3]);
    return fromParts(text, (m[3] ?? "").length === 2 ? fullYear(y) : y, month, Number(m[1]));
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m) return fromParts(text, Number(m[3]), Number(m[2]), Number(m[1]));
  return { kind: "invalid", text };
}

function fromParts(text: string, year: number, month: number, day: number): DateCell {
  if (year >= 9000) return { kind: "placeholder", text };
  if (month === 1 && day === 0 && year === 1900) return { kind: "placeholder", text };
  const iso = dayOf(year, month, day);
  if (!iso) return { kind: "invalid", text };
  return isPlaceholderYear(year) ? { kind: "placeholder", text } : { kind: "date", day: iso };
}

export function parseStatus(value: unknown): Status | null {
  const text = cleanText(value)?.toLowerCase().replace(/\s*-\s*/g, "-");
  switch (text) {
    case "in force":
      return "in_force";
    case "in force for at least one party":
      return "in_force_partly";
    case "early announcement-signed":
    case "signed":
      return "signed";
    case "early announcement-under negotiation":
    case "under negotiation":
      return "negotiating";
    case "inactive":
      return "inactive";
    default:
      return null;
  }
}

export function parseCoverage(value: unknown): Coverage | null | "invalid" {
  const text = cleanText(value)?.toLowerCase().replace(/\s*(&|and)\s*/g, "&");
  if (text === undefined) return null;
  if (text === "goods") return "goods";
  if (text === "services") return "services";
  if (text === "goods&services") return "goods_services";
  return "invalid";
}

export function parseYesNo(value: unknown): boolean | null {
  const text = cleanText(value)?.toLowerCase();
  if (text === "yes" || text === "y" || text === "true") return true;
  if (text === "no" || text === "n" || text === "false") return false;
  return null;
}

/** "Europe; Central Asia ; Europe" → ["Europe", "Central Asia"]: each region once, in order. */
export function parseRegions(value: unknown): string[] {
  const text = cleanText(value);
  if (!text) return [];
  return [...new Set(text.split(";").map((r) => r.trim()).filter(Boolean))];
}

/**
 * A list of names. The export separates signatories with ";" (names never contain one); the
 * "RTA Changes" sheet separates parties with "," though names contain commas too ("Korea,
 * Republic of", "China, Hong Kong, China" is two names). Split on ";" when there is one;
 * otherwise on "," and join back the pieces that together make a known name, preferring the
 * longest known name at each step (and a split where every piece is known, when there is one).
 */
export function splitNames(value: unknown, isKnown: (name: string) => boolean): string[] {
  const text = cleanText(value);
  if (!text) return [];
  if (text.includes(";")) return text.split(";").map((n) => n.trim()).filter(Boolean);
  const pieces = text.split(",").map((p) => p.trim()).filter(Boolean);
  // best[i]: the split of pieces[i..] with the fewest unknown names, then the fewest names.
  const best: { names: string[]; unknown: number }[] = [];
  best[pieces.length] = { names: [], unknown: 0 };
  for (let i = pieces.length - 1; i >= 0; i--) {
    let choice: { names: string[]; unknown: number } | undefined;
    for (let j = pieces.length; j > i; j--) {
      const name = pieces.slice(i, j).join(", ");
      const known = isKnown(name);
      // An unknown name is only ever one piece: "A, B" unknown is two unknown names, not one.
      if (!known && j > i + 1) continue;
      const rest = best[j] as { names: string[]; unknown: number };
      const candidate = { names: [name, ...rest.names], unknown: rest.unknown + (known ? 0 : 1) };
      if (!choice || candidate.unknown < choice.unknown || (candidate.unknown === choice.unknown && candidate.names.length < choice.names.length)) choice = candidate;
    }
    best[i] = choice as { names: string[]; unknown: number };
  }
  return (best[0] as { names: string[] }).names;
}

export interface MemberDates {
  name: string;
  /** First day in force for it; null: as the agreement. */
  entryOn: string | null;
  /** Its last day as a party; null: still one. */
  lastDay: string | null;
  /** The export's placeholder for entry: signed, not yet in force for it. */
  pending: boolean;
}

/**
 * "Specific Entry/Exit dates": `Name(entry - exit)` items separated by ";", either date possibly
 * empty, names possibly with parentheses of their own ("Kosovo (under UNSC res. 1244)(26-Jul-2007 - )").
 */
export function parseMemberDates(value: unknown): { items: MemberDates[]; problems: string[] } {
  const text = cleanText(value);
  const items: MemberDates[] = [];
  const problems: string[] = [];
  if (!text) return { items, problems };
  for (const raw of text.split(";")) {
    const item = raw.trim();
    if (!item) continue;
    // The dates are written without spaces (26-Jul-2007); " - " between them, either one possibly empty.
    const m = /^(.*)\(\s*(?:(\S+)\s+)?-\s*(\S*)\s*\)$/.exec(item);
    if (!m) {
      problems.push(item);
      continue;
    }
    const name = (m[1] ?? "").trim();
    const entry = parseDateCell(m[2] || null);
    const exit = parseDateCell(m[3] || null);
    if (!name || entry.kind === "invalid" || exit.kind === "invalid") {
      problems.push(item);
      continue;
    }
    items.push({
      name,
      entryOn: entry.kind === "date" ? entry.day : null,
      lastDay: exit.kind === "date" ? exit.day : null,
      pending: entry.kind === "placeholder",
    });
  }
  return { items, problems };
}
