import { formatPart, type SymbolPart, type SymbolSuffix, symbolOf, type WtoSymbol } from "./symbol.js";

/**
 * Revision chains. The WTO issues a revision (`Rev.n`) as a complete replacement of the document
 * and of its earlier revisions, and a corrigendum (`Corr.n`) as a correction of exactly the
 * document it is appended to. So:
 *
 * - `revises(X/Rev.n)` is the base `X` (not `X/Rev.(n-1)`: Rev.2 replaces the original and Rev.1
 *   alike, and Rev.1 may never have been issued in the registry);
 * - `revises(X/Corr.n)` is `X` itself (`W/6/Rev.3/Corr.1` corrects `W/6/Rev.3`);
 * - an addendum or supplement (`Add.n`, `Suppl.n`) revises nothing: it is a document of its own
 *   with its own chain (`M/425/Add.1/Rev.1` revises `M/425/Add.1`);
 * - `baseOf` drops every trailing `Rev`/`Corr`: the root every member of the chain shares;
 * - `revisionOrder` sorts one chain latest first: by revision number, then corrigendum number
 *   (`W/6/Rev.3/Corr.1`, `W/6/Rev.3`, `W/6/Rev.2`, `W/6/Corr.1`, `W/6`).
 *
 * A joint symbol's chain is that of its first part (the one it is filed under).
 */

const isRevision = (s: SymbolSuffix | undefined) => s?.kind === "Rev" || s?.kind === "Corr";

const withSuffixes = (part: SymbolPart, suffixes: SymbolSuffix[]): SymbolPart => ({ ...part, suffixes });

/** The symbol this one revises or corrects, or null (an original, an addendum, a supplement). */
export function revises(symbol: WtoSymbol): WtoSymbol | null {
  const part = symbol.parts[0];
  const last = part.suffixes[part.suffixes.length - 1];
  if (!last || !isRevision(last)) return null;
  return symbolOf(withSuffixes(part, part.suffixes.slice(0, -1)));
}

/** The root of the revision chain: the symbol without its trailing revisions and corrigenda. */
export function baseOf(symbol: WtoSymbol): WtoSymbol {
  const part = symbol.parts[0];
  let end = part.suffixes.length;
  while (end > 0 && isRevision(part.suffixes[end - 1])) end--;
  return symbolOf(withSuffixes(part, part.suffixes.slice(0, end)));
}

const rank = (symbol: WtoSymbol): [number, number] => {
  const base = baseOf(symbol).parts[0].suffixes.length;
  const tail = symbol.parts[0].suffixes.slice(base);
  return [tail.find((s) => s.kind === "Rev")?.number ?? 0, tail.find((s) => s.kind === "Corr")?.number ?? 0];
};

/**
 * A comparator for `Array.prototype.sort`: within a chain the latest first; symbols of different
 * chains by their base's canonical text, so a mixed list groups each chain together.
 */
export function revisionOrder(a: WtoSymbol, b: WtoSymbol): number {
  const baseA = formatPart(baseOf(a).parts[0]);
  const baseB = formatPart(baseOf(b).parts[0]);
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  const [revA, corrA] = rank(a);
  const [revB, corrB] = rank(b);
  return revB - revA || corrB - corrA;
}
