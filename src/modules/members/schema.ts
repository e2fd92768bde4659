import type { Generated } from "kysely";
import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";

export const REGIONS = ["africa", "americas", "asia", "europe", "oceania"] as const;
export type Region = (typeof REGIONS)[number];
export const GROUPS = ["msme"] as const;
export type GroupCode = (typeof GROUPS)[number];
export const PRECISIONS = ["day", "month", "by"] as const;
export type Precision = (typeof PRECISIONS)[number];

/** `UY`, `HK`, `EU`: ISO 3166-1 alpha-2, upper case. */
export const EconomyCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: "two capital letters, e.g. UY" })
  .meta({ description: "ISO 3166-1 alpha-2 code, upper case; EU for the European Union", example: "UY" });

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const IsoDay = z.iso.date().meta({ example: "2022-12-31" });

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
  note: string | null;
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

/** Query of the members list, shared by the API, the page and the downloads. */
export const MembersQuery = z
  .object({
    group: z.enum(GROUPS).optional().meta({ description: "Only members of this group (msme: the MSME Group)" }),
    date: IsoDay.optional().meta({ description: "Membership on this day; default today" }),
    region: z.enum(REGIONS).optional(),
    q: z.string().trim().max(100).optional().meta({ description: "Part of a name, in any language, accents ignored" }),
    lang: z.enum(LANGS).default("en").meta({ description: "Language of `name` and of the sort order" }),
    limit: z.coerce.number().int().min(1).max(500).default(500),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type MembersQuery = z.output<typeof MembersQuery>;

export const Membership = z.object({
  group: z.enum(GROUPS),
  joinedOn: IsoDay,
  precision: z.enum(PRECISIONS).meta({ description: "day: exact date; month: that month; by: a member by that date" }),
  leftOn: IsoDay.nullable(),
  note: z.string().nullable(),
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
});
export type Member = z.output<typeof Member>;

export const MemberDetail = Member.extend({
  parts: z.array(z.object({ code: EconomyCode, name: z.string() })).meta({ description: "For the EU: its member states on the date" }),
  partOf: z.array(z.object({ code: EconomyCode, name: z.string() })),
});
export type MemberDetail = z.output<typeof MemberDetail>;

export const MembersList = z.object({ items: z.array(Member), total: z.number().int() });
