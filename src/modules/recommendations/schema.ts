import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { LANGS, type Lang } from "../../i18n/lang.js";

/** The registry series the issued recommendations take their symbols in. */
export const SERIES = "INF/MSME/P";

export const STATUSES = ["unconfirmed", "received", "under_review", "issued", "declined"] as const;
export type RecommendationStatus = (typeof STATUSES)[number];

/**
 * The topics a submission may name when the knowledge platform has none published (its topics are
 * used otherwise: see `topicChoices` in the service).
 */
export const FALLBACK_TOPICS = ["facilitation", "digital", "finance", "standards", "markets", "other"] as const;

export interface RecommendationTable {
  id: Generated<number>;
  kind: ColumnType<"submission" | "record", string | undefined, string>;
  status: ColumnType<RecommendationStatus, string | undefined, string>;
  submitter: string | null;
  organization: string | null;
  country: string | null;
  email: string | null;
  lang: Lang;
  title: string;
  body: string;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  title_written_by_us: ColumnType<boolean, boolean | undefined, boolean>;
  source: string | null;
  year: number | null;
  symbol: string | null;
  document_id: number | null;
  meeting_id: number | null;
  decline_reason: string | null;
  confirm_token_hash: Buffer | null;
  confirm_expires_at: Date | null;
  tracking_token_hash: Buffer | null;
  seed_key: string | null;
  submitted_at: Generated<Date>;
  confirmed_at: Date | null;
  decided_at: Date | null;
  updated_at: Generated<Date>;
}

export interface RecommendationStepTable {
  id: Generated<number>;
  recommendation_id: number;
  status: RecommendationStatus;
  at: Generated<Date>;
  note: string | null;
}

/** One attachment of a submission (at most three, in the order sent). */
export interface RecommendationAttachmentTable {
  recommendation_id: number;
  position: number;
  storage_key: string;
  name: string;
  type: string;
  size: ColumnType<number, number, number>;
  sha256: string;
}

/** How many files a submission may carry. */
export const MAX_ATTACHMENTS = 3;

declare module "../../db/database.js" {
  interface Tables {
    recommendations: RecommendationTable;
    recommendation_steps: RecommendationStepTable;
    recommendation_attachments: RecommendationAttachmentTable;
  }
}

// ---- Input ------------------------------------------------------------------------------------

/** A text without a NUL character (PostgreSQL keeps none in a text). */
const noNul = () => z.string().refine((v) => !v.includes(String.fromCharCode(0)), { error: "validation.invalid" });
const line = (max: number) => noNul().trim().min(1).max(max);
const optionalLine = (max: number) =>
  noNul()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v));

/** The public form, as the service receives it (topics as a list of slugs; `website` is a trap for robots). */
export const SubmissionInput = z
  .object({
    submitter: line(200),
    organization: optionalLine(200),
    country: z
      .string()
      .trim()
      .regex(/^([A-Z]{2})?$/, { error: "recommendations.errors.country" })
      .transform((v) => (v === "" ? null : v)),
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    lang: z.enum(LANGS),
    title: line(300),
    body: noNul()
      .transform((v) => v.replace(/\r\n?/g, "\n").trim())
      .pipe(z.string().min(20, { error: "recommendations.errors.bodyShort" }).max(20000)),
    topics: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).max(20).default([]),
    website: z.string().max(200).default(""),
  })
  .strict();
export type SubmissionInput = z.output<typeof SubmissionInput>;

/** The public form's fields as typed (for `lengthOf` and the form's names). */
export const SubmissionForm = z.object({
  submitter: z.string().max(200),
  organization: z.string().max(200),
  country: z.string().max(2),
  email: z.string().max(254),
  title: z.string().max(300),
  body: z.string().max(20000),
});

export const DeclineInput = z.object({ reason: line(2000) }).strict();
export const TagInput = z
  .object({
    meeting: z
      .string()
      .trim()
      .regex(/^([1-9][0-9]{0,8})?$/, { error: "recommendations.errors.meeting" })
      .transform((v) => (v === "" ? null : Number(v))),
  })
  .strict();

/** A link's token as it appears in a path: 43 base64url characters. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// ---- Output -----------------------------------------------------------------------------------

/** An issued recommendation, as the public list and the API show it. */
export const IssuedRecommendation = z.object({
  id: z.number().int(),
  symbol: z.string().nullable().meta({ description: "The INF/MSME/P document symbol; null for a recommendation known from a source that does not give it" }),
  title: z.string(),
  titleLang: z.enum(LANGS),
  titleWrittenByUs: z.boolean().meta({ description: "The title was written for this platform (the source gives none)" }),
  organization: z.string().nullable(),
  country: z.string().nullable(),
  topics: z.array(z.string()),
  year: z.number().int().nullable(),
  issuedOn: z.string().nullable().meta({ description: "The day it was issued here (ISO date); null for a record" }),
  source: z.string().nullable(),
  url: z.string(),
});
export type IssuedRecommendation = z.output<typeof IssuedRecommendation>;

export const IssuedFilter = z.object({
  lang: z.enum(LANGS).default("en").meta({ description: "Language of the page addresses (`url`); titles are in the language they were written in" }),
  year: z.coerce.number().int().min(2022).max(2200).optional(),
  q: z.string().trim().max(200).optional(),
});
