/**
 * Reads a list of members written as WTO documents write them, e.g. the footnote of the MSME
 * Group's annual report: "Members … are: Afghanistan; Albania; …; European Union and its 27 Member
 * States; …; Uruguay and Viet Nam." Names are WTO style in any of the three languages, possibly
 * inverted ("Korea, Republic of"), with non-breaking spaces and footnote debris around them.
 */

export interface ListedName {
  /** The name as written, trimmed. */
  text: string;
  /** 1-based position of the name in the list. */
  position: number;
  /** Character offset of the name in the input. */
  offset: number;
}

export interface ParsedList {
  /** Economy codes in list order, each once; "EU and its member states" expands to EU + states. */
  codes: string[];
  unknown: ListedName[];
  /** Names that appeared more than once. */
  repeated: ListedName[];
}

export interface NameResolver {
  /** The economy code for a name, or undefined. */
  code(name: string): string | undefined;
  /** The member states of a bloc (the EU) on the list's date. */
  partsOf(code: string): string[];
}

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;
const CONJUNCTION = /\s+(?:and|et|y|e)\s+/gi;
/** "European Union and its 27 Member States", "Union européenne et ses 27 États membres", … */
const WITH_MEMBER_STATES = /^(.*?)\s+(?:and its|et ses|y sus)\s+(?:\d+\s+)?(?:member states|États membres|Estados miembros)$/iu;

function cleanName(raw: string): string {
  return raw
    .replace(SPACES, " ")
    .replace(/\[[^\]]*\]/g, " ") // footnote markers such as [3:
    .replace(/^[\s:.,[\]]+|[\s.,;:[\]]+$/g, "")
    .trim();
}

/** Drops a lead-in such as "Members of the Informal Working Group on MSMEs are:". */
function listBody(text: string): { body: string; start: number } {
  const match = /\b(?:are|sont|son)\s*:/iu.exec(text);
  if (match) return { body: text.slice(match.index + match[0].length), start: match.index + match[0].length };
  const colon = text.indexOf(":");
  if (colon !== -1 && colon < 200 && !text.slice(0, colon).includes(";")) return { body: text.slice(colon + 1), start: colon + 1 };
  return { body: text, start: 0 };
}

/**
 * Resolves one `;`-separated item: a single name, a bloc with its member states, or names joined
 * by "and" (only where the whole item is not itself a name, e.g. "Antigua and Barbuda").
 */
function resolveItem(item: string, resolver: NameResolver): string[][] | undefined {
  const single = resolver.code(item);
  if (single) return [[single]];
  const bloc = WITH_MEMBER_STATES.exec(item);
  if (bloc?.[1]) {
    const code = resolver.code(bloc[1]);
    if (code) return [[code, ...resolver.partsOf(code)]];
  }
  // Try each "and" as the split point; the left part must be a whole name.
  for (const match of item.matchAll(CONJUNCTION)) {
    const left = item.slice(0, match.index);
    const right = item.slice(match.index + match[0].length);
    const first = resolveItem(left, resolver);
    const rest = first && resolveItem(right, resolver);
    if (first && rest) return [...first, ...rest];
  }
  return undefined;
}

export function parseMemberList(text: string, resolver: NameResolver): ParsedList {
  const { body, start } = listBody(text);
  const codes: string[] = [];
  const seen = new Set<string>();
  const unknown: ListedName[] = [];
  const repeated: ListedName[] = [];
  let offset = start;
  let position = 0;
  for (const raw of body.split(/[;\n]/)) {
    const itemOffset = offset + (raw.length - raw.trimStart().length);
    offset += raw.length + 1;
    const name = cleanName(raw);
    if (!name) continue;
    position += 1;
    const listed = { text: name, position, offset: itemOffset };
    const groups = resolveItem(name, resolver);
    if (!groups) {
      unknown.push(listed);
      continue;
    }
    for (const group of groups) {
      for (const code of group) {
        if (seen.has(code)) {
          repeated.push(listed);
          continue;
        }
        seen.add(code);
        codes.push(code);
      }
    }
  }
  return { codes, unknown, repeated };
}
