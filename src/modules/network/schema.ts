import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, translatableText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";
import { webAddress } from "../../http/fields.js";

/** The day the Trade4MSMEs Network was launched (MSME Group Annual Report 2022). */
export const NETWORK_LAUNCHED_ON = "2022-06-08";

export const ORGANIZATION_KINDS = ["development_bank", "international_organization", "regional_commission"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The longest profile, per language (also a CHECK in the database). */
export const PROFILE_MAX = 2000;

/** An organization's profile: a translatable text (src/i18n/content.ts). */
export const Profile = translatableText({ max: PROFILE_MAX });

/** `itc`, `world-bank`: stable, lower case, the same in every language. */
export const OrganizationSlug = z
  .string()
  .max(31)
  .regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "lower-case letters, digits and hyphens, e.g. itc" })
  .meta({ description: "Stable identifier of the organization, the same in every language", example: "itc" });

export const IsoDay = z.iso.date().meta({ example: "2022-06-08" });

/** A day on which an organization joined the Network: not before its launch. */
const JoinedOn = IsoDay.refine((day) => day >= NETWORK_LAUNCHED_ON, { error: "not before the Network's launch" });

export interface OrganizationTable {
  slug: string;
  acronym_en: string;
  acronym_fr: string;
  acronym_es: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  kind: OrganizationKind;
  website: string;
  /** The profile its partner keeps, in every language written, with each language's last edit. */
  profile: ColumnType<StoredText, string | undefined, string>;
  network_joined_on: string | null;
  source: string;
  verified_on: string | null;
  verified_by: string | null;
  updated_at: Generated<Date>;
  search_text: Generated<string>;
}

declare module "../../db/database.js" {
  interface Tables {
    organizations: OrganizationTable;
  }
}

// ---- Input: one schema per form, shared by the pages, the API and the seed. ----

/** An https address; other schemes (http, javascript:) are refused. */
export const HttpsUrl = webAddress({ max: 300 })
  .meta({ description: "https address", example: "https://intracen.org" });

/** Short text that must not be empty. */
const Text = (max: number) => z.string().trim().min(1).max(max);

/**
 * What the organization's own partner may change: its address and its short profile (per
 * language: the text, whether it is a draft, "still matches the original"; and the original
 * language). Every field is optional (a field left out stays as it is); unknown fields are refused.
 */
export const OrganizationProfileInput = z
  .object({
    website: HttpsUrl.optional(),
    profile: Profile.edit.optional(),
  })
  .strict();

/** The fields only the Secretariat may change: who the organization is and where that comes from. */
export const OrganizationIdentityFields = {
  acronym_en: Text(30).optional(),
  acronym_fr: Text(30).optional(),
  acronym_es: Text(30).optional(),
  name_en: Text(200).optional(),
  name_fr: Text(200).optional(),
  name_es: Text(200).optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  network_joined_on: JoinedOn.nullable().optional(),
  source: Text(500).optional(),
};
export const IDENTITY_FIELDS = Object.keys(OrganizationIdentityFields) as (keyof typeof OrganizationIdentityFields)[];

/** A change to an organization: the profile, plus (for the Secretariat only) its identity. */
export const OrganizationUpdateInput = OrganizationProfileInput.extend(OrganizationIdentityFields).strict();
export type OrganizationUpdateInput = z.output<typeof OrganizationUpdateInput>;

/** A new participant of the Network (Secretariat only). */
export const OrganizationCreateInput = z
  .object({
    // `new` names the back office's form for a new organization (`/admin/network/new`).
    slug: OrganizationSlug.refine((slug) => slug !== "new", { error: "validation.invalid" }),
    acronym_en: Text(30),
    acronym_fr: Text(30),
    acronym_es: Text(30),
    name_en: Text(200),
    name_fr: Text(200),
    name_es: Text(200),
    kind: z.enum(ORGANIZATION_KINDS),
    website: HttpsUrl,
    profile: Profile.edit.optional(),
    network_joined_on: JoinedOn.nullable().optional(),
    source: Text(500),
  })
  .strict();
export type OrganizationCreateInput = z.output<typeof OrganizationCreateInput>;

/** The editable fields of an organization, as an edit form shows them. */
export type OrganizationEditableField = keyof OrganizationUpdateInput;

// ---- Queries and output. ----

/** The Network list's filters, shared by the API, the page and the downloads. */
export const OrganizationsFilter = z.object({
  lang: z.enum(LANGS).default("en").meta({ description: "Language of `name`, `acronym`, `description` (when written in it) and of the sort order" }),
  q: z.string().trim().max(100).optional().meta({ description: "Part of a name or acronym, in any language, accents ignored" }),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
});

/** The back office's list: a search and a page number. */
export const OrganizationsAdminFilter = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

export const OrganizationsQuery = OrganizationsFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
}).strict();
export type OrganizationsQuery = z.output<typeof OrganizationsQuery>;

const InLanguages = <T extends z.ZodType>(value: T) => z.object({ en: value, fr: value, es: value });

export const Organization = z.object({
  slug: OrganizationSlug,
  acronym: z.string(),
  name: z.string(),
  acronyms: InLanguages(z.string()),
  names: InLanguages(z.string()),
  kind: z.enum(ORGANIZATION_KINDS),
  website: z.string(),
  joinedOn: IsoDay.nullable().meta({ description: "Day the organization joined the Network (launched on 8 June 2022); null where no source dates it" }),
  networkJoinedOn: IsoDay.nullable().meta({ description: "The same as `joinedOn` (kept for earlier clients)", deprecated: true }),
  source: z.string().meta({ description: "Document or URL attesting the organization's participation" }),
  verifiedOn: IsoDay.nullable().meta({ description: "Day the organization's partner (or the Secretariat) last checked this profile" }),
  verifiedBy: z.string().nullable(),
  description: z
    .string()
    .nullable()
    .meta({ description: "The profile in the requested language; when it has none (or only a draft), in the language it was written in; null when there is none" }),
  descriptionLang: z.enum(LANGS).nullable().meta({ description: "Language `description` is written in (not the requested one when the profile is not translated yet)" }),
  descriptionSourceLang: z.enum(LANGS).nullable().meta({ description: "Language the profile was first written in: the original its translations follow" }),
  translations: TranslationStatuses,
});
export type Organization = z.output<typeof Organization>;

export const OrganizationDetail = Organization.extend({
  descriptions: InLanguages(z.string().nullable()).meta({ description: "The published profile in each language (null where missing or a draft)" }),
});
export type OrganizationDetail = z.output<typeof OrganizationDetail>;

/** A guide or tool of the knowledge platform that the organization owns and keeps current. */
export const OwnedItem = z.object({
  kind: z.enum(["guide", "tool"]),
  slug: z.string(),
  title: z.string(),
  titleLang: z.enum(LANGS).meta({ description: "Language the title is written in (its original when not translated)" }),
  url: z.string().meta({ description: "Path of its page on this site" }),
  lastVerifiedOn: IsoDay.nullable().meta({ description: "Day its owner last confirmed it; null when never" }),
});
export type OwnedItem = z.output<typeof OwnedItem>;

/** "Keeps N items current; last verified …". */
export const Upkeep = z.object({
  items: z.number().int().meta({ description: "Published guides and tools the organization owns" }),
  current: z.number().int().meta({ description: "Of those read (at most 50 of each kind), how many were verified in the last `windowDays` days" }),
  lastVerifiedOn: IsoDay.nullable().meta({ description: "The most recent verification of any of its items" }),
  windowDays: z.number().int().meta({ description: "The staleness window (NETWORK_VERIFY_DAYS)" }),
});
export type Upkeep = z.output<typeof Upkeep>;

const UpkeepFields = {
  ownedItems: z.array(OwnedItem).meta({ description: "Its published guides, then its tools (at most 50 of each)" }),
  upkeep: Upkeep,
};
export const OrganizationWithUpkeep = Organization.extend(UpkeepFields);
export type OrganizationWithUpkeep = z.output<typeof OrganizationWithUpkeep>;
export const OrganizationDetailWithUpkeep = OrganizationDetail.extend(UpkeepFields);
export type OrganizationDetailWithUpkeep = z.output<typeof OrganizationDetailWithUpkeep>;

export const OrganizationsList = z.object({ items: z.array(Organization), total: z.number().int() });
export type OrganizationsList = z.output<typeof OrganizationsList>;

export interface OrganizationChoice {
  slug: string;
  name: string;
}
