import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, translatableText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";
import { isoDay } from "../../http/fields.js";

export const REGIONS = ["africa", "americas", "asia", "europe", "oceania"] as const;
export type Region = (typeof REGIONS)[number];
export const GROUPS = ["msme"] as const;
export type GroupCode = (typeof GROUPS)[number];
export const PRECISIONS = ["day", "month", "by"] as const;
export type Precision = (typeof PRECISIONS)[number];

/** The longest membership note, per language (also a CHECK in the database). */
export const NOTE_MAX = 1000;

/** A membership's note: a translatable text (src/i18n/content.ts). */
export const Note = translatableText({ max: NOTE_MAX });

/** `UY`, `HK`, `EU`: ISO 3166-1 alpha-2, upper case. */
export const EconomyCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: "two capital letters, e.g. UY" })
  .meta({ description: "ISO 3166-1 alpha-2 code, upper case; EU for the European Union", example: "UY" });

/** A calendar day, `YYYY-MM-DD`, that exists. */
// ISO 8601 has a year 0000 but PostgreSQL's dates do not (1 BC is year 1 before 1 AD): refused here,
// at the field, rather than by the database as a 500.
export const IsoDay = isoDay("2022-12-31");

export interface EconomyTable {
  code: string;
  numeric_code: string | null;
  region: Region;
  name_en: string;
  name_fr: string;
  name_es: string;
  wto_member_since: string | null;
  source: string;
  verified_on: string | null;
  verified_by: string | null;
  updated_at: Generated<Date>;
  search_text: Generated<string>;
}

export interface EconomyPartTable {
  whole_code: string;
  part_code: string;
  from_date: string;
  to_date: string | null;
  source: string;
}

export interface GroupMembershipTable {
  group_code: GroupCode;
  economy_code: string;
  joined_on: string;
  joined_precision: Generated<Precision>;
  left_on: string | null;
  /** What the Secretariat notes about the membership, in every language written. */
  note: ColumnType<StoredText, string | undefined, string>;
  source: string;
  verified_on: string | null;
  verified_by: string | null;
  updated_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    economies: EconomyTable;
    economy_parts: EconomyPartTable;
    group_memberships: GroupMembershipTable;
  }
}

/** The members list's filters, shared by the API, the page and the downloads. */
export const MembersFilter = z.object({
  group: z.enum(GROUPS).optional().meta({ description: "Only members of this group (msme: the MSME Group)" }),
  date: IsoDay.optional().meta({ description: "Membership on this day; default today" }),
  region: z.enum(REGIONS).optional(),
  q: z.string().trim().max(100).optional().meta({ description: "Part of a name, in any language, accents ignored" }),
  lang: z.enum(LANGS).default("en").meta({ description: "Language of `name` and of the sort order" }),
});

/** One page of the list. */
export const MembersQuery = MembersFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).default(0),
}).strict();
export type MembersQuery = z.output<typeof MembersQuery>;

export const Membership = z.object({
  group: z.enum(GROUPS),
  joinedOn: IsoDay,
  precision: z.enum(PRECISIONS).meta({ description: "day: exact date; month: that month; by: a member by that date" }),
  leftOn: IsoDay.nullable(),
  note: z.string().nullable().meta({ description: "The note in the requested language; when it has none (or only a draft), in the language it was written in; null when there is none" }),
  noteLang: z.enum(LANGS).nullable().meta({ description: "Language `note` is written in" }),
  noteSourceLang: z.enum(LANGS).nullable().meta({ description: "Language the note was first written in: the original its translations follow" }),
  translations: TranslationStatuses,
  source: z.string().meta({ description: "WTO document symbol or URL attesting the membership" }),
});

export const Member = z.object({
  code: EconomyCode,
  name: z.string(),
  names: z.object({ en: z.string(), fr: z.string(), es: z.string() }),
  region: z.enum(REGIONS),
  wtoMemberSince: IsoDay.nullable(),
  msme: Membership.nullable(),
  source: z.string(),
  verifiedOn: IsoDay.nullable(),
  verifiedBy: z.string().nullable().meta({ description: "Who last confirmed these facts (a delegate or the Secretariat)" }),
});
export type Member = z.output<typeof Member>;

export const MemberDetail = Member.extend({
  parts: z.array(z.object({ code: EconomyCode, name: z.string() })).meta({ description: "For the EU: its member states on the date" }),
  partOf: z.array(z.object({ code: EconomyCode, name: z.string() })),
});
export type MemberDetail = z.output<typeof MemberDetail>;

export const MembersList = z.object({ items: z.array(Member), total: z.number().int() });

/** Optional form text: an empty field means "none". */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const SourceText = z.string().trim().min(1).max(500);

/** What the back office edits about an economy (its code never changes). */
export const EconomyForm = z
  .object({
    name_en: z.string().trim().min(1).max(200),
    name_fr: z.string().trim().min(1).max(200),
    name_es: z.string().trim().min(1).max(200),
    region: z.enum(REGIONS),
    numeric_code: z.preprocess(blankToNull, z.string().regex(/^[0-9]{3}$/).nullable()),
    wto_member_since: z.preprocess(blankToNull, IsoDay.nullable()),
    source: SourceText,
  })
  .strict();
export type EconomyInput = z.output<typeof EconomyForm>;

export const NewEconomyForm = EconomyForm.extend({
  code: z.string().trim().max(2).toUpperCase().pipe(EconomyCode),
}).strict();

/** A membership of the MSME Group as the back office edits it. */
export const MembershipForm = z
  .object({
    joined_on: IsoDay,
    joined_precision: z.enum(PRECISIONS),
    left_on: z.preprocess(blankToNull, IsoDay.nullable()),
    note: Note.edit.optional(),
    source: SourceText,
  })
  .strict()
  .refine((v) => v.left_on === null || v.left_on > v.joined_on, { path: ["left_on"], message: "validation.leftBeforeJoined" });
export type MembershipInput = z.output<typeof MembershipForm>;

export const AdminMembersFilter = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(["member", "other"]).optional(),
  verified: z.enum(["yes", "no"]).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
export type AdminMembersFilter = z.output<typeof AdminMembersFilter>;
