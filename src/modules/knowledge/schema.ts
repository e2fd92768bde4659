import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, TEXT_STATUSES, translatableText } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { webAddress } from "../../http/fields.js";

export const AUDIENCES = ["business", "policymaker"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const TRACKS = ["goods", "services", "both"] as const;
export type Track = (typeof TRACKS)[number];
export const COSTS = ["free", "free-registration", "paid"] as const;
export type Cost = (typeof COSTS)[number];
export const STATUSES = ["draft", "published"] as const;
export type Status = (typeof STATUSES)[number];
export const KINDS = ["guide", "topic", "term", "tool"] as const;
export type KnowledgeKind = (typeof KINDS)[number];

/** The translatable texts and their limits (also CHECKs in the database). */
export const GuideBody = translatableText({ max: 40000 });
export const TopicTitle = translatableText({ max: 200 });
export const TopicSummary = translatableText({ max: 1000 });
export const GlossaryTerm = translatableText({ max: 200 });
export const GlossaryDefinition = translatableText({ max: 2000 });
export const ToolName = translatableText({ max: 200 });
export const ToolQuestion = translatableText({ max: 500 });

type Json<T> = ColumnType<T, string | undefined, string>;

interface Owned {
  owner_org: string | null;
  status: Status;
  verified_on: string | null;
  verified_by: string | null;
  published_at: Date | null;
  updated_at: Generated<Date>;
}

export interface TopicTable extends Owned {
  slug: string;
  added_2022: boolean;
  title: Json<StoredText>;
  summary: Json<StoredText>;
  source: string;
}

export interface GuideTable extends Owned {
  slug: string;
  audience: Audience;
  track: Track | null;
  body: Json<StoredText>;
  basis: Json<Partial<Record<Lang, string>>>;
  steps: boolean;
  sources: Json<{ label: string; url: string }[]>;
}

export interface GlossaryTable extends Owned {
  slug: string;
  term: Json<StoredText>;
  definition: Json<StoredText>;
  source: string;
}

export interface ToolTable extends Owned {
  slug: string;
  name: Json<StoredText>;
  question: Json<StoredText>;
  owner_name: string | null;
  languages: string[];
  cost: Cost;
  url: string;
  source: string;
}

interface Join {
  guide: string;
  position: number;
}

declare module "../../db/database.js" {
  interface Tables {
    knowledge_topics: TopicTable;
    knowledge_guides: GuideTable;
    knowledge_glossary: GlossaryTable;
    knowledge_tools: ToolTable;
    knowledge_guide_topics: Join & { topic: string };
    knowledge_guide_tools: Join & { tool: string };
    knowledge_guide_glossary: Join & { term: string };
    knowledge_guide_related: Join & { related: string };
  }
}

// ---- Identifiers and small parts -------------------------------------------------------------

export const Slug = z
  .string()
  .max(81)
  .regex(/^[a-z][a-z0-9-]{1,80}$/, { error: "knowledge.errors.slug" })
  .refine((s) => s !== "new", { error: "knowledge.errors.slug" })
  .meta({ description: "Stable identifier, the same in every language", example: "rules-of-origin" });

/** "secretariat" or a Network organization's slug. */
export const OwnerRef = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "knowledge.errors.owner" });

const WebUrl = webAddress({ max: 500, http: true });

/** Where a fact comes from: an address or a WTO document symbol (`WT/MIN(22)/24`). */
const Source = z.string().trim().min(1).max(500);

const InLanguages = <T extends z.ZodType>(value: T) => z.object({ en: value, fr: value, es: value });
const SomeLanguages = (max: number) =>
  z
    .partialRecord(z.enum(LANGS), z.string().trim().min(1).max(max))
    .refine((v) => Object.keys(v).length > 0, { error: "knowledge.errors.noLanguage" });

// ---- The demo content's files (data/demo/knowledge/), checked at seed time ------------------------

export const TopicFile = z.array(
  z
    .object({
      slug: Slug,
      added2022: z.boolean(),
      title: SomeLanguages(200),
      summary: SomeLanguages(1000),
      source: Source,
    })
    .strict(),
);

export const GuideMetaFile = z
  .object({
    slug: Slug,
    audience: z.enum(AUDIENCES),
    track: z.enum(TRACKS).nullable(),
    topics: z.array(Slug).max(20),
    owner: OwnerRef,
    related: z.array(Slug).max(20),
    tools: z.array(Slug).max(30),
    glossary: z.array(Slug).max(100),
    steps: z.boolean(),
    sources: z.array(z.object({ label: z.string().trim().min(1).max(300), url: WebUrl }).strict()).max(30),
    verified: z.object({ by: z.string().trim().min(1).max(200), on: z.iso.date() }).strict().nullable(),
    sourceLang: z.enum(LANGS),
    outdated: z.array(z.enum(LANGS)).optional(),
    status: z.enum(STATUSES).optional(),
  })
  .strict();
export type GuideMetaFile = z.output<typeof GuideMetaFile>;

export const GlossaryFile = z.array(
  z
    .object({
      slug: Slug,
      term: SomeLanguages(200),
      definition: SomeLanguages(2000),
      source: Source,
    })
    .strict(),
);

export const ToolFile = z.array(
  z
    .object({
      slug: Slug,
      name: SomeLanguages(200),
      owner: OwnerRef.nullable(),
      ownerName: z.string().trim().min(1).max(200).optional(),
      question: SomeLanguages(500),
      languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(40),
      cost: z.enum(COSTS),
      url: WebUrl,
      source: Source,
    })
    .strict(),
);

/** A guide's Markdown must open with its question as a `# ` heading. */
export const GUIDE_TITLE = /^# +(\S.*)$/m;

// ---- What leaves the server ---------------------------------------------------------------------

const Owner = z.object({
  kind: z.enum(["secretariat", "organization", "other"]).meta({ description: "other: an owner outside the Network (a national agency)" }),
  slug: z.string().nullable().meta({ description: "The Network organization's slug; null for the Secretariat" }),
  name: z.string(),
});
const Verified = z.object({ by: z.string(), on: z.iso.date() }).nullable();

/** One text shown in a language, with the language it is written in. */
const Shown = z.object({ text: z.string(), lang: z.enum(LANGS) });

export const GuideItem = z.object({
  slug: z.string(),
  title: z.string(),
  titleLang: z.enum(LANGS).meta({ description: "Language the title (and guide) is shown in: not the requested one when the guide is not translated yet" }),
  lede: z.string(),
  audience: z.enum(AUDIENCES),
  track: z.enum(TRACKS).nullable(),
  steps: z.boolean(),
  topics: z.array(z.string()),
  owner: Owner,
  status: z.enum(STATUSES),
  verified: Verified,
  sourceLang: z.enum(LANGS),
  translations: TranslationStatuses,
  updatedAt: z.string(),
  url: z.string(),
});
export type GuideItem = z.output<typeof GuideItem>;

export const TopicItem = z.object({
  slug: z.string(),
  title: Shown,
  summary: Shown.nullable(),
  added2022: z.boolean(),
  source: z.string(),
  guides: z.number().int().meta({ description: "Published guides in this topic" }),
  translations: TranslationStatuses,
  url: z.string(),
});
export type TopicItem = z.output<typeof TopicItem>;

export const TermItem = z.object({
  slug: z.string(),
  term: Shown,
  definition: Shown.nullable(),
  source: z.string(),
  owner: Owner,
  translations: TranslationStatuses,
  url: z.string(),
});
export type TermItem = z.output<typeof TermItem>;

export const ToolItem = z.object({
  slug: z.string(),
  name: Shown,
  question: Shown.nullable(),
  owner: Owner,
  languages: z.array(z.string()),
  cost: z.enum(COSTS),
  link: z.string(),
  source: z.string(),
  verified: Verified,
  translations: TranslationStatuses,
  url: z.string(),
});
export type ToolItem = z.output<typeof ToolItem>;
export type Owner = z.output<typeof Owner>;

// ---- Filters (API, pages, downloads) --------------------------------------------------------------

const lang = z.enum(LANGS).default("en").meta({ description: "Language of the texts (each falls back to its original when not translated)" });
const owner = OwnerRef.optional().meta({ description: '"secretariat" or a Network organization\'s slug' });
const translation = z
  .enum(TEXT_STATUSES)
  .optional()
  .meta({ description: "Only items whose main text has this status in `lang` (missing, current, outdated)" });

export const GuidesFilter = z.object({
  lang,
  audience: z.enum(AUDIENCES).optional(),
  track: z.enum(TRACKS).optional().meta({ description: "goods or services also include guides for both tracks" }),
  topic: Slug.optional(),
  owner,
  translation,
});
export type GuidesFilter = z.output<typeof GuidesFilter>;

export const TopicsFilter = z.object({ lang, added2022: z.enum(["yes", "no"]).optional().meta({ description: "Only the topics added in 2022 (yes) or the basics (no)" }), translation });
export type TopicsFilter = z.output<typeof TopicsFilter>;
export const GlossaryFilter = z.object({ lang, owner, translation, guide: Slug.optional().meta({ description: "Only the terms a guide uses" }) });
export type GlossaryFilter = z.output<typeof GlossaryFilter>;
export const ToolsFilter = z.object({ lang, owner, cost: z.enum(COSTS).optional(), guide: Slug.optional().meta({ description: "Only the tools a guide uses" }), translation });
export type ToolsFilter = z.output<typeof ToolsFilter>;

// ---- Editing ----------------------------------------------------------------------------------

const Opt = <T extends z.ZodType>(s: T) => s.optional();
const SlugList = z
  .string()
  .max(3000)
  .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(Slug).max(100));

/** A guide as its back-office form sends it (the body's controls are read apart, per language). */
export const GuideFormInput = z
  .object({
    slug: Opt(Slug),
    audience: z.enum(AUDIENCES),
    track: z.enum(["", ...TRACKS]).transform((v) => (v === "" ? null : v)),
    steps: z
      .string()
      .optional()
      .transform((v) => v === "yes"),
    status: z.enum(STATUSES),
    owner: OwnerRef,
    topics: SlugList,
    tools: SlugList,
    glossary: SlugList,
    related: SlugList,
    sources: z
      .string()
      .max(10000)
      .transform((s) =>
        s
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^.{1,300} \| https?:\/\/\S+$/, { error: "knowledge.errors.sources" })).max(30)),
  })
  .strict();
export type GuideFormInput = z.output<typeof GuideFormInput>;
export { InLanguages };
