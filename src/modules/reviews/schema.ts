import type { Generated } from "kysely";
import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";
import { WtoSymbolText } from "../../symbols/index.js";
import { webAddress } from "../../http/fields.js";

export const REPORT_TYPES = ["secretariat", "government", "minutes", "concluding_remarks"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const TOPICS = [
  "msme_definition",
  "msme_numbers",
  "trade_share",
  "finance",
  "digitalization",
  "procurement",
  "export_promotion",
  "women_led",
  "trade_facilitation",
  "support_programmes",
] as const;
export type Topic = (typeof TOPICS)[number];

export const SIZE_CLASSES = ["micro", "small", "medium"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export interface ReviewTable {
  id: Generated<number>;
  year: number;
  cycle: number | null;
  meeting_start: string | null;
  meeting_end: string | null;
  secretariat_report: string | null;
  government_report: string | null;
  minutes: string | null;
  concluding_remarks: string | null;
  msme_section: Generated<boolean>;
  verified: Generated<boolean>;
  illustrative: Generated<boolean>;
  note: string | null;
  source: string;
  updated_at: Generated<Date>;
}
export interface ReviewMemberTable {
  review_id: number;
  economy_code: string;
}
export interface ReferenceTable {
  id: Generated<number>;
  review_id: number;
  report_type: ReportType;
  location: string | null;
  summary: string;
  quote: string | null;
  quote_source: string | null;
  topics: Generated<Topic[]>;
  source_url: string | null;
  illustrative: Generated<boolean>;
  verified: Generated<boolean>;
  updated_at: Generated<Date>;
}
export interface DefinitionTable {
  reference_id: number;
  size_class: SizeClass;
  sector: Generated<string>;
  employees_max: number | null;
  turnover_max: string | null;
  assets_max: string | null;
  currency: string | null;
}
export interface QaTable {
  id: Generated<number>;
  review_id: number;
  asked_by: string | null;
  question: string;
  answer: string | null;
  document: string | null;
  illustrative: Generated<boolean>;
  updated_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    tpr_reviews: ReviewTable;
    tpr_review_members: ReviewMemberTable;
    tpr_references: ReferenceTable;
    tpr_definitions: DefinitionTable;
    tpr_qas: QaTable;
  }
}

// ---- Input ----

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.nullable().optional());
const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date().refine((d) => !d.startsWith("0000"), { error: "validation.invalid" });
/** A form's checkbox or a CSV's yes/no. */
export const Flag = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  if (v === undefined || v === null || v === "") return false;
  if (typeof v === "string" && /^(on|yes|true|1|y)$/i.test(v.trim())) return true;
  if (typeof v === "string" && /^(no|false|0|n)$/i.test(v.trim())) return false;
  return v;
}, z.boolean());

export const EconomyCode = z.string().regex(/^[A-Z]{2}$/, { error: "validation.invalid" }).meta({ example: "CH" });

/** A WTO document symbol, any tolerated spelling in, its canonical text out (src/symbols). */
export const SymbolText = z.string().trim().max(100).pipe(WtoSymbolText);
/** A symbol of a series: `WT/TPR/S/…`. */
const SymbolOf = (prefix: string) => SymbolText.refine((s) => s.startsWith(prefix) && !s.includes(" \u2013 "), { error: "validation.invalid" });

export const HttpsUrl = webAddress({ max: 300 });

/** Several economy codes, as a form or a CSV gives them: `CH; LI` or an array. */
export const MemberCodes = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[;,\s]+/).filter(Boolean).map((c) => c.toUpperCase()) : v),
  z.array(EconomyCode).min(1).max(30),
);

export const ReviewInput = z
  .object({
    members: MemberCodes,
    year: z.coerce.number().int().min(1989).max(2100),
    cycle: optional(z.coerce.number().int().min(1).max(30)),
    meeting_start: optional(Day),
    meeting_end: optional(Day),
    secretariat_report: optional(SymbolOf("WT/TPR/S/")),
    government_report: optional(SymbolOf("WT/TPR/G/")),
    minutes: optional(SymbolOf("WT/TPR/M/")),
    concluding_remarks: optional(SymbolText),
    msme_section: Flag,
    verified: Flag,
    illustrative: Flag,
    note: optional(Text(1000)),
    source: Text(500),
  })
  .strict()
  .refine((r) => !r.meeting_end || (!!r.meeting_start && r.meeting_end >= r.meeting_start), { path: ["meeting_end"], error: "validation.invalid" })
  .refine((r) => !r.meeting_start || Number(r.meeting_start.slice(0, 4)) === r.year, { path: ["meeting_start"], error: "validation.invalid" });
export type ReviewInput = z.output<typeof ReviewInput>;

const Amount = optional(z.coerce.number().min(0).max(1e15));
const Employees = optional(z.coerce.number().int().min(0).max(100000));

/** One size class of a definition. */
export const DefinitionRow = z
  .object({
    size_class: z.enum(SIZE_CLASSES),
    sector: z.preprocess((v) => (v === null || v === undefined ? "" : v), z.string().trim().max(60)),
    employees_max: Employees,
    turnover_max: Amount,
    assets_max: Amount,
    currency: optional(z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/)),
  })
  .refine((d) => d.employees_max != null || d.turnover_max != null || d.assets_max != null, { path: ["employees_max"], error: "validation.required" })
  .refine((d) => (d.turnover_max == null && d.assets_max == null) || !!d.currency, { path: ["currency"], error: "validation.required" });
export type DefinitionRow = z.output<typeof DefinitionRow>;

export const ReferenceInput = z
  .object({
    report_type: z.enum(REPORT_TYPES),
    location: optional(Text(100)),
    summary: Text(2000),
    quote: optional(Text(500)),
    quote_source: optional(Text(200)),
    topics: z.preprocess((v) => (typeof v === "string" ? v.split(/[;,]+/).map((s) => s.trim()).filter(Boolean) : (v ?? [])), z.array(z.enum(TOPICS)).max(TOPICS.length)),
    source_url: optional(HttpsUrl),
    illustrative: Flag,
    verified: Flag,
    definition: z.array(DefinitionRow).max(12).default([]),
  })
  .strict()
  .refine((r) => !r.quote === !r.quote_source, { path: ["quote_source"], error: "validation.required" })
  .refine((r) => new Set(r.definition.map((d) => `${d.size_class}|${d.sector}`)).size === r.definition.length, { path: ["definition"], error: "validation.invalid" });
export type ReferenceInput = z.output<typeof ReferenceInput>;

export const QaInput = z
  .object({
    asked_by: optional(EconomyCode),
    question: Text(2000),
    answer: optional(Text(4000)),
    document: optional(SymbolText),
    illustrative: Flag,
  })
  .strict();
export type QaInput = z.output<typeof QaInput>;

// ---- Queries and output ----

export const ReviewsFilter = z.object({
  member: EconomyCode.optional().meta({ description: "Reviews of this member (economy code), joint reviews included" }),
  year: z.coerce.number().int().min(1989).max(2100).optional(),
  topic: z.enum(TOPICS).optional().meta({ description: "Only reviews with a reference on this topic" }),
  lang: z.enum(LANGS).default("en").meta({ description: "Language of the member names" }),
});
export type ReviewsFilter = z.output<typeof ReviewsFilter>;

export const Definition = z.object({
  sizeClass: z.enum(SIZE_CLASSES),
  sector: z.string().nullable(),
  employeesMax: z.number().int().nullable(),
  turnoverMax: z.number().nullable(),
  assetsMax: z.number().nullable(),
  currency: z.string().nullable(),
});
export type Definition = z.output<typeof Definition>;

export const Reference = z.object({
  id: z.number().int(),
  reviewId: z.number().int(),
  reportType: z.enum(REPORT_TYPES),
  location: z.string().nullable(),
  summary: z.string().meta({ description: "Written by us, in English" }),
  quote: z.string().nullable(),
  quoteSource: z.string().nullable(),
  topics: z.array(z.enum(TOPICS)),
  sourceUrl: z.string().nullable(),
  illustrative: z.boolean(),
  verified: z.boolean(),
  definition: z.array(Definition),
});
export type Reference = z.output<typeof Reference>;

export const Qa = z.object({
  id: z.number().int(),
  reviewId: z.number().int(),
  askedBy: z.string().nullable(),
  askedByName: z.string().nullable(),
  question: z.string(),
  answer: z.string().nullable(),
  document: z.string().nullable(),
  illustrative: z.boolean(),
});
export type Qa = z.output<typeof Qa>;

export const Review = z.object({
  id: z.number().int(),
  member: EconomyCode.meta({ description: "The member reviewed (the first, for a joint review)" }),
  members: z.array(z.object({ code: EconomyCode, name: z.string() })),
  year: z.number().int(),
  cycle: z.number().int().nullable(),
  meetingStart: z.string().nullable(),
  meetingEnd: z.string().nullable(),
  documents: z.object({
    secretariatReport: z.string().nullable(),
    governmentReport: z.string().nullable(),
    minutes: z.string().nullable(),
    concludingRemarks: z.string().nullable(),
  }),
  msmeSection: z.boolean().meta({ description: "Whether the government report has a dedicated MSME section" }),
  verified: z.boolean().meta({ description: "Whether the symbols and dates were checked against the documents" }),
  illustrative: z.boolean(),
  note: z.string().nullable(),
  source: z.string(),
  references: z.array(Reference),
});
export type Review = z.output<typeof Review>;

export const ReviewDetail = Review.extend({ qas: z.array(Qa) });
export type ReviewDetail = z.output<typeof ReviewDetail>;

/** One row of the definitions' comparison: a member's threshold for one size class. */
export const DefinitionComparison = z.object({
  member: EconomyCode,
  memberName: z.string(),
  reviewId: z.number().int(),
  year: z.number().int(),
  referenceId: z.number().int(),
  illustrative: z.boolean(),
  verified: z.boolean(),
  sourceUrl: z.string().nullable(),
  ...Definition.shape,
});
export type DefinitionComparison = z.output<typeof DefinitionComparison>;

export const DefinitionsFilter = z.object({
  member: EconomyCode.optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  lang: z.enum(LANGS).default("en"),
});
export type DefinitionsFilter = z.output<typeof DefinitionsFilter>;
