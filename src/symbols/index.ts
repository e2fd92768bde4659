/**
 * WTO document symbols: a library of its own (it imports nothing else of the platform's, which
 * dependency-cruiser checks: `symbols-standalone`). See symbol.ts for the grammar, chain.ts for
 * revision chains, find.ts for mentions in free text.
 */
export { baseOf, revises, revisionOrder } from "./chain.js";
export { findSymbols, type SymbolMention } from "./find.js";
export { WtoSymbolText } from "./schema.js";
export {
  BODIES,
  canonicalSymbol,
  formatPart,
  formatSymbol,
  type ParseResult,
  parseSymbol,
  SERIES,
  SUFFIX_KINDS,
  type SuffixKind,
  type SymbolPart,
  type SymbolProblem,
  type SymbolProblemPart,
  type SymbolSuffix,
  symbolOf,
  symbolPath,
  type WtoSymbol,
} from "./symbol.js";
