import type { Generated } from "kysely";
import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";
import { WtoSymbolText } from "../../symbols/index.js";
import { webAddress } from "../../http/fields.js";

/** The six annexes of the December 2020 MSME Package (INF/MSME/4/Rev.2). */
export const ANNEXES = [1, 2, 3, 4, 5, 6] as const;
export type Annex = (typeof ANNEXES)[number];

export const STATUSES = ["not_started", "in_progress", "done", "not_applicable"] as const;
export type Status = (typeof STATUSES)[number];

export const PRECISIONS = ["day", "by"] as const;
export type DatePrecision = (typeof PRECISIONS)[number];

/** Where a record stands: reported (by a delegate or the Secretariat), verified by the member, confirmed by the Secretariat. */
export const CONFIRMATIONS = ["reported", "verified", "confirmed"] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** The day the Group adopted the package (December 2020): no implementation date before it. */
export const PACKAGE_ADOPTED = "2020-12-01";

export interface PackageRecordTable {
  id: Generated<number>;
  economy_code: string;
  annex: number;
  status: Status;
  status_on: string | null;
  status_precision: Generated<DatePrecision>;
  evidence_document: string | null;
  evidence_tpr: string | null;
  evidence_url: string | null;
  meeting_on: string | null;
  meeting_symbol: string | null;
  source: string | null;
  reported_by: string;
  reported_on: string;
  verified_by: string | null;
  verified_on: string | null;
  confirmed_by: string | null;
  confirmed_on: string | null;
  updated_at: Generated<Date>;
}

export interface PackageCountTable {
  id: Generated<number>;
  annex: number;
  measure: string;
  count: number;
  as_of: string;
  as_of_precision: Generated<DatePrecision>;
  meeting_symbol: string | null;
  source: string;
  updated_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    package_records: PackageRecordTable;
    package_counts: PackageCountTable;
  }
}

// ---- Input ----

/** `UY`: an economy's code, as the members module keeps it. */
export const EconomyCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: "validation.invalid" })
  .meta({ description: "ISO 3166-1 alpha-2 code, upper case; EU for the European Union", example: "UY" });

const Day = z.iso
  .date()
  .refine((d) => !d.startsWith("0000"), { error: "validation.invalid" })
  .meta({ example: "2022-10-12" });

/** A form's empty field means "none". */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).nullable().optional());
const optionalDay = (min: string) => z.preprocess(blank, Day.refine((d) => d >= min, { error: "validation.invalid" }).nullable().optional());

/** An https address; other schemes are refused. */
export const HttpsUrl = webAddress({ max: 300 });

/** A WTO document symbol, any tolerated spelling in, its canonical text out (src/symbols). */
export const SymbolText = z.string().trim().max(100).pipe(WtoSymbolText);

export const AnnexNumber = z.coerce.number().int().min(1).max(6);

/** What a delegate or the Secretariat records about one annex for one member. */
export const RecordFields = {
  status: z.enum(STATUSES),
  status_on: optionalDay(PACKAGE_ADOPTED),
  status_precision: z.preprocess(blank, z.enum(PRECISIONS).nullable().optional()),
  evidence_document: z.preprocess(blank, SymbolText.nullable().optional()),
  evidence_tpr: optionalText(200),
  evidence_url: z.preprocess(blank, HttpsUrl.nullable().optional()),
  meeting_on: optionalDay("2017-12-13"),
  meeting_symbol: z.preprocess(blank, SymbolText.nullable().optional()),
};

const datedWhenUnderWay = (r: { status: Status; status_on?: string | null }) => !(r.status === "in_progress" || r.status === "done") || !!r.status_on;

export const RecordUpdateInput = z
  .object(RecordFields)
  .strict()
  .refine(datedWhenUnderWay, { path: ["status_on"], error: "validation.required" });
export type RecordUpdateInput = z.output<typeof RecordUpdateInput>;

export const RecordCreateInput = z
  .object({ economy: EconomyCode, annex: AnnexNumber, ...RecordFields })
  .strict()
  .refine(datedWhenUnderWay, { path: ["status_on"], error: "validation.required" });
export type RecordCreateInput = z.output<typeof RecordCreateInput>;

// ---- Queries and output ----

/** The public implementation list's filters (API, downloads). */
export const ImplementationFilter = z.object({
  annex: AnnexNumber.optional().meta({ description: "Only this annex (1–6)" }),
  member: EconomyCode.optional().meta({ description: "Only this member (economy code)" }),
  status: z.enum(STATUSES).optional(),
  lang: z.enum(LANGS).default("en").meta({ description: "Language of `memberName`" }),
});
export type ImplementationFilter = z.output<typeof ImplementationFilter>;

/** The tracker page's filters: the list's, and a region. */
export const TrackerFilter = z.object({
  annex: AnnexNumber.optional(),
  status: z.enum(STATUSES).optional(),
  region: z.enum(["africa", "americas", "asia", "europe", "oceania"]).optional(),
  member: EconomyCode.optional(),
});
export type TrackerFilter = z.output<typeof TrackerFilter>;

/** The back office's list. */
export const AdminFilter = z.object({
  confirmation: z.enum(CONFIRMATIONS).optional(),
  annex: AnnexNumber.optional(),
  member: EconomyCode.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type AdminFilter = z.output<typeof AdminFilter>;

export const Evidence = z.object({
  document: z.string().nullable().meta({ description: "A registry document symbol, e.g. WT/TPR/G/434" }),
  tpr: z.string().nullable().meta({ description: "A Trade Policy Review reference (review, report, section)" }),
  url: z.string().nullable(),
  meeting: z
    .object({ date: Day.nullable(), symbol: z.string().nullable() })
    .nullable()
    .meta({ description: "The meeting where it was reported: its date and its document symbol (e.g. INF/MSME/CN/19)" }),
});

export const ImplementationItem = z.object({
  id: z.number().int(),
  member: EconomyCode,
  memberName: z.string(),
  annex: z.number().int().min(1).max(6),
  status: z.enum(STATUSES),
  date: Day.nullable().meta({ description: "When the status was reached (or at the latest, when `datePrecision` is `by`)" }),
  datePrecision: z.enum(PRECISIONS),
  evidence: Evidence,
  source: z.string().nullable(),
  reportedBy: z.string(),
  reportedOn: Day,
  verifiedBy: z.string().nullable(),
  verifiedOn: Day.nullable(),
  confirmedBy: z.string().nullable(),
  confirmedOn: Day.nullable(),
  confirmation: z.enum(CONFIRMATIONS),
});
export type ImplementationItem = z.output<typeof ImplementationItem>;

export const PackageCount = z.object({
  annex: z.number().int(),
  measure: z.string(),
  count: z.number().int(),
  asOf: Day,
  asOfPrecision: z.enum(PRECISIONS),
  meetingSymbol: z.string().nullable(),
  source: z.string(),
});
export type PackageCount = z.output<typeof PackageCount>;

/** What a count counts: each has its words in the message catalogues (`package.measures.*`). */
export const MEASURES = ["gth_verified_members", "gth_verified_signatories"] as const;

/** A count reported without names (the Secretariat's form). */
export const CountInput = z
  .object({
    annex: AnnexNumber,
    measure: z.enum(MEASURES),
    count: z.coerce.number().int().min(0).max(1000),
    as_of: Day.refine((d) => d >= PACKAGE_ADOPTED, { error: "validation.invalid" }),
    as_of_precision: z.enum(PRECISIONS),
    meeting_symbol: z.preprocess(blank, SymbolText.nullable().optional()),
    source: z.string().trim().min(1).max(500),
  })
  .strict();
export type CountInput = z.output<typeof CountInput>;
