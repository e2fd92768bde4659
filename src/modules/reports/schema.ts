import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, translatableText } from "../../i18n/content.js";

/** The sections of an annual report, in order, as the Group's reports have them. */
export const SECTIONS = ["introduction", "meetings", "package", "annex1", "annex2", "annex3", "annex4", "annex5", "annex6", "other", "conclusion"] as const;
export type SectionKey = (typeof SECTIONS)[number];

export const FORMATS = ["html", "docx", "pdf"] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** A paragraph the Secretariat adds to a section, per language (also a CHECK in the database). */
export const Narrative = translatableText({ max: 6000 });

/** The years a report can be drafted for: from the Group's founding year. */
export const ReportYear = z.coerce.number().int().min(2017).max(2199);

export const AdoptionInput = z
  .object({
    symbol: z
      .string()
      .trim()
      .max(120)
      .regex(/^[A-Z][A-Za-z0-9()./]*$/, { error: "reports.errors.symbol" }),
    dated: z.iso.date(),
    source: z.string().trim().min(1).max(500),
  })
  .strict();

export interface NarrativeTable {
  year: number;
  section: SectionKey;
  body: ColumnType<StoredText, string, string>;
  updated_at: Generated<Date>;
}

export interface AnnualReportTable {
  year: number;
  symbol: string;
  dated: ColumnType<string, string, string>;
  source: string;
  updated_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    report_narratives: NarrativeTable;
    annual_reports: AnnualReportTable;
  }
}
