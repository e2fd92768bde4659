import type { Generated } from "kysely";
import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";
import { COVERAGES, STATUSES } from "./parse.js";
import { isoDay } from "../../http/fields.js";

export { COVERAGES, STATUSES };

/** A calendar day, `YYYY-MM-DD`, that exists (PostgreSQL has no year 0). */
export const IsoDay = isoDay("2024-12-15");
export const TYPES = ["FTA", "CU", "PSA", "EIA", "FTA & EIA", "CU & EIA", "PSA & EIA"] as const;
/** The WTO RTA database's regions, as its export writes them. */
export const REGIONS = [
  "Africa",
  "Caribbean",
  "Central America",
  "Central Asia",
  "East Asia",
  "Europe",
  "Middle East",
  "North America",
  "Oceania",
  "South America",
  "West Asia",
] as const;

/** The coding scheme of MSME provisions (also a CHECK in the database). */
export const CATEGORIES = [
  "preamble",
  "sme_chapter",
  "cooperation",
  "information_sharing",
  "contact_points",
  "government_procurement",
  "customs",
  "e_commerce",
  "intellectual_property",
  "other_chapters",
  "dispute_settlement_exclusion",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SORTS = ["name", "-name", "in_force", "-in_force", "signed", "-signed", "id"] as const;

export interface RtaBlocTable {
  code: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  source: string;
}

export interface BlocMemberTable {
  bloc: string;
  economy: string;
  from_date: string;
  to_date: string | null;
  source: string;
  dates_verified: Generated<boolean>;
}

export interface AgreementTable {
  rta_id: number;
  name: string;
  coverage: string | null;
  type: string | null;
  notification: string | null;
  status: string;
  signed_goods: string | null;
  signed_services: string | null;
  notified_goods: string | null;
  notified_services: string | null;
  in_force_goods: string | null;
  in_force_services: string | null;
  inactive_on: string | null;
  signed_on: Generated<string | null>;
  in_force_on: Generated<string | null>;
  accession: boolean;
  composition: string | null;
  regions: string[];
  cross_regional: boolean | null;
  all_wto_members: boolean | null;
  remarks: string | null;
  source: string;
  updated_at: Generated<Date>;
}

export interface AgreementPartyTable {
  rta_id: number;
  role: "current" | "original";
  position: number;
  party: string;
  kind: "economy" | "bloc";
  name_in_file: string;
}

export interface AgreementMemberDatesTable {
  rta_id: number;
  economy: string;
  entry_on: string | null;
  last_day: string | null;
  pending: boolean;
}

export interface AgreementChangeTable {
  rta_id: number;
  position: number;
  parties: string;
  affects: string | null;
  notified_on: string | null;
  signed_on: string | null;
  in_force_on: string | null;
  remarks: string | null;
}

export interface MsmeProvisionTable {
  id: Generated<number>;
  rta_id: number;
  category: Category;
  chapter: string;
  articles: string | null;
  articles_verified: boolean;
  summary_en: string;
  summary_fr: string;
  summary_es: string;
  source: string;
  verified_on: string | null;
  verified_by: string | null;
  updated_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    rta_blocs: RtaBlocTable;
    bloc_members: BlocMemberTable;
    agreements: AgreementTable;
    agreement_parties: AgreementPartyTable;
    agreement_member_dates: AgreementMemberDatesTable;
    agreement_changes: AgreementChangeTable;
    msme_provisions: MsmeProvisionTable;
  }
}

/** An economy (ISO code, `EU`) or a bloc (`EFTA`, `MERCOSUR` …) as a party. */
export const PartyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,10}$/)
  .meta({ description: "An economy's code as in the members API (ISO 3166-1 alpha-2, EU for the European Union) or a bloc's (EFTA, MERCOSUR, SACU, EAEU, GCC, ASEAN, CACM)", example: "JP" });

export const RtaId = z.coerce.number().int().min(1).max(2_000_000_000).meta({ description: "The agreement's ID in the WTO RTA database", example: 836 });

const Year = z.coerce.number().int().min(1940).max(2100);

/** The agreements list's filters, shared by the page, the API and the downloads. */
export const AgreementsFilter = z.object({
  party: PartyCode.optional().meta({ description: "Only agreements this economy or bloc is a party to (now), directly or through a bloc" }),
  status: z.enum(STATUSES).optional(),
  type: z.enum(TYPES).optional(),
  coverage: z.enum(COVERAGES).optional(),
  region: z.enum(REGIONS).optional(),
  from: Year.optional().meta({ description: "Entered into force in this year or later" }),
  to: Year.optional().meta({ description: "Entered into force in this year or earlier" }),
  msme: z.enum(["yes", "no"]).optional().meta({ description: "Only agreements with (yes) or without (no) MSME provisions coded" }),
  category: z.enum(CATEGORIES).optional().meta({ description: "Only agreements with a provision of this category" }),
  q: z.string().trim().max(100).optional().meta({ description: "Part of the agreement's name" }),
  sort: z.enum(SORTS).optional().meta({ description: "name, in_force (date of entry into force), signed, id; a leading '-' reverses" }),
  lang: z.enum(LANGS).default("en").meta({ description: "Language of party names" }),
});
export type AgreementsFilter = z.output<typeof AgreementsFilter>;

export const AgreementSummary = z.object({
  rtaId: z.number().int(),
  name: z.string(),
  status: z.enum(STATUSES),
  coverage: z.enum(COVERAGES).nullable(),
  type: z.string().nullable(),
  signedOn: IsoDay.nullable(),
  inForceOn: IsoDay.nullable(),
  inactiveOn: IsoDay.nullable(),
  regions: z.array(z.string()),
  parties: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(["economy", "bloc"]) })).meta({ description: "Current signatories (for an inactive agreement, the original ones)" }),
  msmeCategories: z.array(z.enum(CATEGORIES)),
  wtoRecord: z.string().meta({ description: "The agreement's page in the WTO RTA database" }),
});
export type AgreementSummary = z.output<typeof AgreementSummary>;

export const Provision = z.object({
  id: z.number().int(),
  rtaId: z.number().int(),
  category: z.enum(CATEGORIES),
  chapter: z.string(),
  articles: z.string().nullable(),
  articlesVerified: z.boolean().meta({ description: "Whether the article numbers were checked against the agreement's text" }),
  summary: z.string().meta({ description: "What the provision does, in the requested language (written for this platform)" }),
  source: z.string(),
  verifiedOn: IsoDay.nullable(),
  verifiedBy: z.string().nullable(),
});
export type Provision = z.output<typeof Provision>;

const Party = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["economy", "bloc"]),
  nameInFile: z.string(),
  members: z.array(z.object({ code: z.string(), name: z.string() })).meta({ description: "For a bloc: its members on the day asked (default today)" }),
});

export const AgreementDetail = AgreementSummary.extend({
  notification: z.string().nullable(),
  dates: z.object({
    signedGoods: IsoDay.nullable(),
    signedServices: IsoDay.nullable(),
    notifiedGoods: IsoDay.nullable(),
    notifiedServices: IsoDay.nullable(),
    inForceGoods: IsoDay.nullable(),
    inForceServices: IsoDay.nullable(),
  }),
  accession: z.boolean(),
  composition: z.string().nullable(),
  crossRegional: z.boolean().nullable(),
  allWtoMembers: z.boolean().nullable(),
  remarks: z.string().nullable(),
  currentParties: z.array(Party),
  originalParties: z.array(Party),
  memberDates: z.array(z.object({ code: z.string(), name: z.string(), entryOn: IsoDay.nullable(), lastDay: IsoDay.nullable(), pending: z.boolean() })),
  changes: z.array(
    z.object({
      parties: z.string(),
      affects: z.enum(COVERAGES).nullable(),
      notifiedOn: IsoDay.nullable(),
      signedOn: IsoDay.nullable(),
      inForceOn: IsoDay.nullable(),
      remarks: z.string().nullable(),
    }),
  ),
  provisions: z.array(Provision),
  source: z.string(),
});
export type AgreementDetail = z.output<typeof AgreementDetail>;

export const BetweenQuery = z
  .object({
    a: PartyCode,
    b: PartyCode,
    date: IsoDay.optional().meta({ description: "The day; default today" }),
    lang: z.enum(LANGS).default("en"),
  })
  .strict();

export const BetweenItem = z.object({
  rtaId: z.number().int(),
  name: z.string(),
  status: z.enum(["in_force", "signed"]).meta({ description: "Status between the two on the day: in force, or signed and not yet in force for them" }),
  overallStatus: z.enum(STATUSES).meta({ description: "The agreement's status in the WTO RTA database" }),
  inForceOn: IsoDay.nullable(),
  signedOn: IsoDay.nullable(),
  coverage: z.enum(COVERAGES).nullable(),
  provisions: z.array(Provision),
  wtoRecord: z.string(),
});
export type BetweenItem = z.output<typeof BetweenItem>;
export const BetweenResult = z.object({
  a: z.object({ code: z.string(), name: z.string() }),
  b: z.object({ code: z.string(), name: z.string() }),
  date: IsoDay,
  items: z.array(BetweenItem),
});
export type BetweenResult = z.output<typeof BetweenResult>;

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** An MSME provision as the back office edits it. */
export const ProvisionForm = z
  .object({
    category: z.enum(CATEGORIES),
    chapter: z.string().trim().min(1).max(300),
    articles: z.preprocess(blankToNull, z.string().trim().min(1).max(200).nullable()),
    articles_verified: z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean()),
    summary_en: z.string().trim().min(1).max(1000),
    summary_fr: z.string().trim().min(1).max(1000),
    summary_es: z.string().trim().min(1).max(1000),
    source: z.string().trim().min(1).max(500),
  })
  .strict();
export type ProvisionInput = z.output<typeof ProvisionForm>;

export const CompareQuery = z.object({
  ids: z
    .string()
    .trim()
    .max(60)
    .regex(/^\d{1,10}(,\d{1,10}){1,3}$/)
    .transform((s) => [...new Set(s.split(",").map(Number))]),
});
