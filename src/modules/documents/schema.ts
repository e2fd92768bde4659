import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, translatableText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";
import { readSymbol } from "./symbol.js";
import { isoDay } from "../../http/fields.js";

export const DOCUMENT_KINDS = [
  "convening_notice",
  "summary_report",
  "working_document",
  "private_sector_submission",
  "ministerial",
  "annual_report",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const RESTRICTIONS = ["public", "restricted"] as const;
export type Restriction = (typeof RESTRICTIONS)[number];

/** The longest title, per language (also a CHECK in the database). */
export const TITLE_MAX = 500;

/** A document's title: a translatable text (src/i18n/content.ts). */
export const Title = translatableText({ max: TITLE_MAX });

/** The formats a language version may be kept in. */
export const FILE_TYPES = ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"] as const;

/** A calendar day, `YYYY-MM-DD`, that exists (and that PostgreSQL has: no year 0000). */
export const IsoDay = isoDay("2022-02-08");

/** A WTO document symbol as typed (any case, either dash), checked and given in canonical form. */
export const SymbolText = z
  .string()
  .trim()
  .max(200)
  .transform((text, ctx) => {
    const read = readSymbol(text);
    if (!read.ok) {
      // The library's key naming the part that is wrong (`symbols.number.missing`).
      ctx.addIssue({ code: "custom", message: read.problem.message });
      return z.NEVER;
    }
    return read.symbol.canonical;
  })
  .meta({ description: "WTO document symbol, any case (given back in canonical form)", example: "INF/MSME/W/35/Corr.1" });

export interface DocumentTable {
  id: Generated<number>;
  /** Canonical symbol (`INF/MSME/W/35/Corr.1`): the document's key. */
  symbol: string;
  /** Lower case with numbers padded (`inf/msme/w/000035/corr.000001`): order and prefix search. */
  symbol_sort: string;
  /** The series its number belongs to (`INF/MSME/W`) and the number (35). */
  series: string;
  number: number;
  kind: DocumentKind;
  date: string | null;
  title: ColumnType<StoredText, string | undefined, string>;
  /** False when the title was written by us, not read from the document. */
  title_verified: boolean;
  restriction: Restriction;
  restricted_until: string | null;
  /** The document this one revises, corrects or adds to (its base). */
  revises_id: number | null;
  source: string;
  verified_on: string | null;
  verified_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  title_vector: Generated<string>;
}

export interface DocumentFileTable {
  document_id: number;
  lang: string;
  storage_key: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  uploaded_at: Generated<Date>;
}

export interface DocumentSeriesTable {
  series: string;
  last_number: number;
}

declare module "../../db/database.js" {
  interface Tables {
    documents: DocumentTable;
    document_files: DocumentFileTable;
    document_series: DocumentSeriesTable;
  }
}

// ---- Input ----------------------------------------------------------------------------------------

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A new document, or a document's fields as an edit gives them (every field said). */
export const DocumentInput = z
  .object({
    symbol: z.string().trim().min(1).max(200),
    kind: z.enum(DOCUMENT_KINDS),
    date: IsoDay.nullable(),
    title: Title.edit,
    title_verified: z.boolean(),
    restriction: z.enum(RESTRICTIONS),
    restricted_until: IsoDay.nullable(),
    /** The symbol of the document this one revises; null for none, left out to take the one its symbol names when it is in the registry. */
    revises: z.string().trim().max(200).nullable().optional(),
    source: Text(500),
  })
  .strict()
  .refine((d) => d.restricted_until === null || d.restriction === "restricted", { path: ["restricted_until"], message: "validation.untilWithoutRestriction" });
export type DocumentInput = z.output<typeof DocumentInput>;

/** An edit: any of the fields (the symbol included: a correction of a mistyped one). */
export const DocumentUpdate = z
  .object({
    symbol: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(DOCUMENT_KINDS).optional(),
    date: IsoDay.nullable().optional(),
    title: Title.edit.optional(),
    title_verified: z.boolean().optional(),
    restriction: z.enum(RESTRICTIONS).optional(),
    restricted_until: IsoDay.nullable().optional(),
    revises: z.string().trim().max(200).nullable().optional(),
    source: Text(500).optional(),
  })
  .strict();
export type DocumentUpdate = z.output<typeof DocumentUpdate>;

/** The back office's form, as typed. */
export const DocumentForm = z.object({
  symbol: z.string().trim().min(1).max(200),
  kind: z.enum(DOCUMENT_KINDS),
  date: z.string().trim().max(10),
  title_verified: z.enum(["", "yes"]),
  restriction: z.enum(RESTRICTIONS),
  restricted_until: z.string().trim().max(10),
  revises: z.string().trim().max(200),
  source: Text(500),
});

// ---- Queries and output ------------------------------------------------------------------------------

const Year = z.coerce.number().int().min(1947).max(2100);

/** The registry's filters, shared by the API, the page and the downloads. */
export const DocumentsFilter = z.object({
  lang: z.enum(LANGS).default("en").meta({ description: "Language of `title` (when translated into it)" }),
  symbol: SymbolText.optional().meta({ description: "Exactly this symbol (any case)" }),
  prefix: z
    .string()
    .trim()
    .max(120)
    .optional()
    .meta({ description: "Symbols starting with this: `INF/MSME/W` (working documents), `INF/MSME/W/6` (W/6 and its revisions, not W/60)", example: "INF/MSME/R" }),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  year: Year.optional().meta({ description: "Dated in this year", example: 2022 }),
  q: z.string().trim().max(100).optional().meta({ description: "Words of the title, in any language (stemmed, accents ignored)" }),
});
export type DocumentsFilter = z.output<typeof DocumentsFilter>;

export const DocumentSummary = z.object({
  symbol: z.string().meta({ description: "Canonical WTO document symbol", example: "INF/MSME/W/35/Corr.1" }),
  kind: z.enum(DOCUMENT_KINDS),
  date: IsoDay.nullable(),
  title: z.string().nullable().meta({ description: "The title in the requested language; when it has none, in the language it was written in" }),
  titleLang: z.enum(LANGS).nullable(),
  titleSourceLang: z.enum(LANGS).nullable(),
  titleVerified: z.boolean().meta({ description: "False when the title was written for this platform, not read from the document" }),
  translations: TranslationStatuses,
  restriction: z.enum(RESTRICTIONS),
  restrictedUntil: IsoDay.nullable(),
  revises: z.string().nullable().meta({ description: "Symbol of the document this one revises, corrects or adds to" }),
  source: z.string(),
  verifiedOn: IsoDay.nullable(),
  verifiedBy: z.string().nullable(),
  languages: z.array(z.enum(LANGS)).meta({ description: "Languages a file of the document is kept in" }),
});
export type DocumentSummary = z.output<typeof DocumentSummary>;

export const DocumentFile = z.object({
  lang: z.enum(LANGS),
  name: z.string(),
  type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  url: z.string().meta({ description: "Path of the file on this site" }),
});
export type DocumentFile = z.output<typeof DocumentFile>;

export const DocumentDetail = DocumentSummary.extend({
  titles: z.object({ en: z.string().nullable(), fr: z.string().nullable(), es: z.string().nullable() }).meta({ description: "The published title in each language" }),
  files: z.array(DocumentFile),
  chain: z
    .array(z.object({ symbol: z.string(), date: IsoDay.nullable(), kind: z.enum(DOCUMENT_KINDS) }))
    .meta({ description: "The document's whole revision chain (the base and every revision, correction and addendum), latest first" }),
});
export type DocumentDetail = z.output<typeof DocumentDetail>;

export const DocumentsList = z.object({
  items: z.array(DocumentSummary),
  total: z.number().int().meta({ description: "How many documents match, counted up to a thousand past the page's start: exact, unless `totalExact` is false" }),
  totalExact: z.boolean().optional().meta({ description: "Present, and false, when more documents match than were counted: `total` (the bound and one) is then a lower bound" }),
});
export type DocumentsList = z.output<typeof DocumentsList>;

/** The back office's list. */
export const DocumentsAdminFilter = z.object({
  prefix: z.string().trim().max(200).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
