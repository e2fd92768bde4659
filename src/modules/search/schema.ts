import type { Generated } from "kysely";
import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";

export interface SearchDocumentTable {
  kind: string;
  record_id: string;
  lang: (typeof LANGS)[number];
  title: string;
  text: string;
  text_lang: (typeof LANGS)[number] | null;
  url: string;
  names: string;
  visibility: "public" | "restricted";
  restricted_until: Date | null;
  updated_at: Generated<Date>;
  /** Computed by the database (see the migration): never written. */
  document: Generated<string>;
  names_vector: Generated<string>;
  title_vector: Generated<string>;
  terms: Generated<string>;
}

declare module "../../db/database.js" {
  interface Tables {
    search_documents: SearchDocumentTable;
  }
}

export const QUERY_MAX = 200;
export const LIMIT_MAX = 100;
/** Deep pages of a ranked list serve nobody and cost a sort of everything before them. */
export const OFFSET_MAX = 10_000;

/** What a person or a script types: a few words, `"a phrase"`, `-without`, `or`. */
export const SearchText = z
  .string()
  .trim()
  .min(1)
  .max(QUERY_MAX)
  .meta({ description: 'Words to find; "quotes" for a phrase, -word to leave out, or between alternatives. Accents and case do not matter.', example: "uruguay" });

/** A kind of record, as `?kind=` names it (the kinds themselves come from the modules). */
export const KindName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** `?kind=`: one of the kinds the modules declare (known once every module is loaded). */
export const kindOf = (names: readonly string[]) => (names.length > 0 ? z.enum(names as [string, ...string[]]) : KindName);

/** The API's query, given the kinds the modules declare. */
export const searchQuery = (names: readonly string[]) =>
  z
    .object({
      q: SearchText,
      lang: z.enum(LANGS).default("en").meta({ description: "Language of the documents searched, of the stemming and of the results" }),
      kind: kindOf(names).optional().meta({ description: "Only records of this kind" }),
      limit: z.coerce.number().int().min(1).max(LIMIT_MAX).default(20),
      offset: z.coerce.number().int().min(0).max(OFFSET_MAX).default(0),
    })
    .strict();
export type SearchQuery = z.output<ReturnType<typeof searchQuery>>;

export const SearchItem = z.object({
  kind: z.string().meta({ description: "Kind of record, e.g. member or organization", example: "member" }),
  title: z.string(),
  url: z.string().meta({ description: "Path of the record's page on this site", example: "/en/members/UY" }),
  snippet: z.string().meta({ description: "Plain text around the words found (no markup)" }),
  language: z
    .enum(LANGS)
    .optional()
    .meta({ description: "The language of the snippet when it is not `lang` (the record is not translated yet): such items come after every item in `lang`" }),
});
export type SearchItem = z.output<typeof SearchItem>;

export const SearchResults = z.object({
  items: z.array(SearchItem),
  total: z.number().int().meta({
    description: "How many records match: exact up to 1,000; past that, `total` is 1,000 and `totalExact` false (more than 1,000 match, and only the best-ranked of them can be paged through)",
  }),
  totalExact: z.literal(false).optional().meta({ description: "Present (false) only when `total` is the cap, not the count" }),
  suggestion: z
    .string()
    .optional()
    .meta({ description: "When nothing matches `q`: the closest words on record (typos corrected); `items` and `total` are then its results" }),
});
export type SearchResults = z.output<typeof SearchResults>;
