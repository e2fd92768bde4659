import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, translatableText } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { WtoSymbolText } from "../../symbols/index.js";

export const MEETING_KINDS = ["open_ended", "private_sector", "dedicated_session", "network", "other"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_FORMATS = ["in_person", "virtual", "hybrid"] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
/** What an agenda item is about; `package` items name the annex of the 2020 MSME Package. */
export const AGENDA_TOPICS = [
  "opening",
  "work_programme",
  "platform",
  "package",
  "other_bodies",
  "external",
  "network",
  "champions",
  "way_forward",
  "ministerial",
  "private_sector",
  "other",
] as const;
export type AgendaTopic = (typeof AGENDA_TOPICS)[number];
export const ANNEXES = [1, 2, 3, 4, 5, 6] as const;
export const PRESENTER_KINDS = ["member", "organization", "other"] as const;
export type PresenterKind = (typeof PRESENTER_KINDS)[number];

/** The most rows of each kind a meeting holds (agenda items, speakers, presentations, members welcomed). */
export const MAX_ROWS = 100;

/** Translatable texts and their limits (the same CHECKs are in the database). */
export const MeetingTitle = translatableText({ max: 200 });
export const MeetingNotes = translatableText({ max: 4000 });
export const ItemTitle = translatableText({ max: 300 });

/**
 * A WTO document symbol (`INF/MSME/CN/15`, `WT/MIN(17)/58/Rev.1`, `INF/MSME/W/58 – INF/TGE/COM/11`),
 * any tolerated spelling in, the canonical form out (src/symbols/); a problem names the part.
 */
export const SymbolText = z
  .string()
  .trim()
  .max(120)
  .pipe(WtoSymbolText)
  .meta({ description: "WTO document symbol, stored in its canonical form", example: "INF/MSME/CN/15" });

/** A calendar day that PostgreSQL can store, within the Group's life. */
export const IsoDay = z.iso
  .date()
  .refine((day) => day >= "2017-12-13" && day < "2200-01-01", { error: "meetings.errors.day" })
  .meta({ example: "2022-02-08" });

/** `2022-02-08`, `2022-02-08-private-sector`: the day, then words when two meetings share a day. */
export const MeetingSlug = z
  .string()
  .max(60)
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[a-z0-9]+)*$/, { error: "meetings.errors.slug" })
  .meta({ description: "The meeting's day, then words when two meetings share it", example: "2022-02-08" });

const EconomyCode = z.string().regex(/^[A-Z]{2}$/, { error: "meetings.errors.economy" });
const OrganizationSlug = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "meetings.errors.organization" });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Source = Text(500);

export interface MeetingTable {
  id: Generated<number>;
  slug: string;
  kind: MeetingKind;
  held_on: ColumnType<string, string, string>;
  starts_at: string | null;
  time_zone: string | null;
  format: MeetingFormat | null;
  notice_symbol: string | null;
  summary_symbol: string | null;
  title: ColumnType<StoredText, string | undefined, string>;
  notes: ColumnType<StoredText, string | undefined, string>;
  source: string;
  updated_at: Generated<Date>;
}

export interface AgendaItemTable {
  meeting_id: number;
  position: number;
  topic: AgendaTopic;
  annex: number | null;
  title: ColumnType<StoredText, string, string>;
  source: string;
}

export interface SpeakerTable {
  meeting_id: number;
  position: number;
  name: string | null;
  role: string | null;
  economy_code: string | null;
  organization_slug: string | null;
  source: string;
}

export interface PresentationTable {
  /** Kept by every save of the meeting (the form carries it), so that slides stay with their presentation. */
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: ColumnType<StoredText, string, string>;
  presenter_kind: PresenterKind;
  economy_code: string | null;
  organization_slug: string | null;
  presenter_name: string | null;
  presenter_affiliation: string | null;
  invited_by: string | null;
  agenda_position: number | null;
  source: string;
}

/** What slides may be: a PDF or a PowerPoint presentation, judged by content (src/files/). */
export const SLIDE_KINDS = ["pdf", "pptx"] as const;
export type SlideKind = (typeof SLIDE_KINDS)[number];
export const SLIDE_RESTRICTIONS = ["public", "restricted"] as const;

export interface SlidesTable {
  presentation_id: number;
  lang: Lang;
  storage_key: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  restriction: (typeof SLIDE_RESTRICTIONS)[number];
  restricted_until: ColumnType<string | null, string | null, string | null>;
  source: string;
  uploaded_at: Generated<Date>;
}

export interface WelcomedTable {
  meeting_id: number;
  economy_code: string;
  source: string;
}

export interface CoordinatorTable {
  year: number;
  name: string;
  title: ColumnType<StoredText, string, string>;
  economy_code: string | null;
  source: string;
}

declare module "../../db/database.js" {
  interface Tables {
    meetings: MeetingTable;
    meeting_agenda_items: AgendaItemTable;
    meeting_speakers: SpeakerTable;
    meeting_presentations: PresentationTable;
    meeting_presentation_slides: SlidesTable;
    meeting_welcomed_members: WelcomedTable;
    group_coordinators: CoordinatorTable;
  }
}

// ---- Input: one schema for the back office's form, the seed and (later) the API. ----

/** A short text typed per language (agenda items' and presentations' titles); empty ones are left out. */
const PerLanguage = (max: number) =>
  z
    .object({ en: z.string().trim().max(max).optional(), fr: z.string().trim().max(max).optional(), es: z.string().trim().max(max).optional() })
    .strict();

const Titles = PerLanguage(300).refine((t) => Boolean(t.en || t.fr || t.es), { error: "validation.required", path: ["en"] });

export const AgendaItemInput = z
  .object({
    topic: z.enum(AGENDA_TOPICS),
    annex: z.coerce.number().int().min(1).max(6).nullable().optional(),
    title: Titles,
    source: Source,
  })
  .strict()
  .refine((a) => a.annex == null || a.topic === "package", { error: "meetings.errors.annexTopic", path: ["annex"] });
export type AgendaItemInput = z.output<typeof AgendaItemInput>;

export const SpeakerInput = z
  .object({
    name: Text(200).nullable().optional(),
    role: Text(300).nullable().optional(),
    economy_code: EconomyCode.nullable().optional(),
    organization_slug: OrganizationSlug.nullable().optional(),
    source: Source,
  })
  .strict()
  .refine((s) => Boolean(s.name || s.economy_code || s.organization_slug), { error: "meetings.errors.speakerWho", path: ["name"] });
export type SpeakerInput = z.output<typeof SpeakerInput>;

export const PresentationInput = z
  .object({
    /** The presentation's id when it is already on record (its slides stay with it); none for a new one. */
    id: z.coerce.number().int().min(1).max(2_147_483_647).nullable().optional(),
    title: Titles,
    presenter_kind: z.enum(PRESENTER_KINDS),
    economy_code: EconomyCode.nullable().optional(),
    organization_slug: OrganizationSlug.nullable().optional(),
    presenter_name: Text(200).nullable().optional(),
    presenter_affiliation: Text(200).nullable().optional(),
    invited_by: EconomyCode.nullable().optional(),
    agenda_position: z.coerce.number().int().min(1).max(MAX_ROWS).nullable().optional(),
    source: Source,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.presenter_kind === "member" && !p.economy_code) ctx.addIssue({ code: "custom", path: ["economy_code"], message: "validation.required" });
    if (p.presenter_kind === "organization" && !p.organization_slug) ctx.addIssue({ code: "custom", path: ["organization_slug"], message: "validation.required" });
    if (p.presenter_kind === "other" && !p.presenter_name) ctx.addIssue({ code: "custom", path: ["presenter_name"], message: "validation.required" });
  });
export type PresentationInput = z.output<typeof PresentationInput>;

export const WelcomedInput = z.object({ economy_code: EconomyCode, source: Source }).strict();

/** A meeting with everything it holds, as the back office saves it (rows replace the stored ones). */
export const MeetingInput = z
  .object({
    slug: MeetingSlug.optional(),
    kind: z.enum(MEETING_KINDS),
    held_on: IsoDay,
    starts_at: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: "meetings.errors.time" })
      .nullable()
      .optional(),
    time_zone: z
      .string()
      .max(60)
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: zone });
          return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
        } catch {
          return false;
        }
      }, { error: "meetings.errors.timeZone" })
      .nullable()
      .optional(),
    format: z.enum(MEETING_FORMATS).nullable().optional(),
    notice_symbol: SymbolText.nullable().optional(),
    summary_symbol: SymbolText.nullable().optional(),
    title: PerLanguage(200).optional(),
    notes: MeetingNotes.edit.optional(),
    source: Source,
    agenda: z.array(AgendaItemInput).max(MAX_ROWS).default([]),
    speakers: z.array(SpeakerInput).max(MAX_ROWS).default([]),
    presentations: z.array(PresentationInput).max(MAX_ROWS).default([]),
    welcomed: z.array(WelcomedInput).max(MAX_ROWS).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.time_zone && !m.starts_at) ctx.addIssue({ code: "custom", path: ["starts_at"], message: "validation.required" });
    if (m.slug && !m.slug.startsWith(m.held_on)) ctx.addIssue({ code: "custom", path: ["slug"], message: "meetings.errors.slugDay" });
    if (m.notice_symbol && m.notice_symbol === m.summary_symbol) ctx.addIssue({ code: "custom", path: ["summary_symbol"], message: "meetings.errors.sameSymbol" });
    m.presentations.forEach((p, i) => {
      if (p.agenda_position != null && p.agenda_position > m.agenda.length)
        ctx.addIssue({ code: "custom", path: ["presentations", i, "agenda_position"], message: "meetings.errors.noSuchItem" });
    });
    const seen = new Set<string>();
    m.welcomed.forEach((w, i) => {
      if (seen.has(w.economy_code)) ctx.addIssue({ code: "custom", path: ["welcomed", i, "economy_code"], message: "meetings.errors.twice" });
      seen.add(w.economy_code);
    });
  });
export type MeetingInput = z.output<typeof MeetingInput>;

// ---- Queries and output. ----

export const MeetingsFilter = z.object({
  year: z.coerce.number().int().min(2017).max(2199).optional().meta({ description: "Only the meetings held in this year" }),
  kind: z.enum(MEETING_KINDS).optional(),
  lang: z.enum(LANGS).default("en").meta({ description: "Language of titles" }),
});

const Named = z.object({ code: z.string(), name: z.string() });

export const Meeting = z.object({
  id: z.number().int(),
  slug: MeetingSlug,
  kind: z.enum(MEETING_KINDS),
  date: z.string().meta({ example: "2022-02-08" }),
  startsAt: z.string().nullable().meta({ description: "Starting time (HH:MM) in `timeZone`, where known" }),
  timeZone: z.string().nullable(),
  format: z.enum(MEETING_FORMATS).nullable(),
  title: z.string().meta({ description: "The meeting's title in the requested language (its kind and date when it has none of its own)" }),
  titleLang: z.enum(LANGS),
  ownTitle: z.boolean().meta({ description: "Whether the meeting has a title of its own (else `title` is made of its kind and date)" }),
  noticeSymbol: z.string().nullable().meta({ description: "Symbol of the convening notice" }),
  summarySymbol: z.string().nullable().meta({ description: "Symbol of the summary report" }),
  source: z.string(),
});
export type Meeting = z.output<typeof Meeting>;

export const MeetingDetail = Meeting.extend({
  agenda: z.array(
    z.object({ position: z.number().int(), topic: z.enum(AGENDA_TOPICS), annex: z.number().int().nullable(), title: z.string(), titleLang: z.enum(LANGS), source: z.string() }),
  ),
  speakers: z.array(
    z.object({
      position: z.number().int(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      member: Named.nullable(),
      organization: z.object({ slug: z.string(), name: z.string() }).nullable(),
      source: z.string(),
    }),
  ),
  presentations: z.array(
    z.object({
      position: z.number().int(),
      title: z.string(),
      titleLang: z.enum(LANGS),
      presenterKind: z.enum(PRESENTER_KINDS),
      member: Named.nullable(),
      organization: z.object({ slug: z.string(), name: z.string() }).nullable(),
      presenterName: z.string().nullable(),
      presenterAffiliation: z.string().nullable(),
      invitedBy: Named.nullable(),
      agendaPosition: z.number().int().nullable(),
      id: z.number().int().meta({ description: "The presentation's id, kept when its meeting is edited" }),
      slides: z
        .array(
          z.object({
            lang: z.enum(LANGS),
            name: z.string(),
            kind: z.enum(SLIDE_KINDS),
            size: z.number().int(),
            url: z.string().meta({ description: "Where the file is served (a path of this site)" }),
            restriction: z.enum(SLIDE_RESTRICTIONS),
            restrictedUntil: z.string().nullable(),
          }),
        )
        .meta({ description: "The slides as files, one per language (restricted ones for the Secretariat only)" }),
      source: z.string(),
    }),
  ),
  welcomed: z.array(Named.extend({ source: z.string() })),
  notes: z.string().nullable(),
  notesLang: z.enum(LANGS).nullable(),
  notesSourceLang: z.enum(LANGS).nullable(),
  translations: TranslationStatuses,
});
export type MeetingDetail = z.output<typeof MeetingDetail>;

/** The upload form's fields besides the file: which presentation, the file's language and access, its source. */
export const SlidesUpload = z
  .object({
    presentation: z.coerce.number().int().min(1).max(2_147_483_647),
    version: z.enum(LANGS),
    restriction: z.enum(SLIDE_RESTRICTIONS).default("public"),
    restricted_until: z.union([z.literal("").transform(() => null), IsoDay]).optional(),
    source: Source,
  })
  .superRefine((u, ctx) => {
    if (u.restricted_until && u.restriction !== "restricted") ctx.addIssue({ code: "custom", path: ["restricted_until"], message: "meetings.errors.untilWithoutRestriction" });
  });
export type SlidesUpload = z.output<typeof SlidesUpload>;

export const Coordinator = z.object({ year: z.number().int(), name: z.string(), title: z.string().nullable(), member: Named.nullable(), source: z.string() });
export type Coordinator = z.output<typeof Coordinator>;
