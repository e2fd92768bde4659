import type { ColumnType } from "kysely";
import { z } from "zod";
import { type StoredText, TranslationStatuses, translatableText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";
import { isTimeZone } from "./zones.js";
import { webAddress } from "../../http/fields.js";

export const EVENT_KINDS = ["webinar", "country_webinar", "msme_day", "ceremony", "promotional", "speaking"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How precisely the source dates an event: to the minute (with its time zone), the day, the month or the year. */
export const EVENT_PRECISIONS = ["time", "day", "month", "year"] as const;
export type EventPrecision = (typeof EVENT_PRECISIONS)[number];

export const EVENT_FORMATS = ["online", "in_person", "hybrid"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const Title = translatableText({ max: 300 });
export const Summary = translatableText({ max: 2000 });

/** `msme-day-2022`: stable, lower case, the same in every language (and the calendar's UID). */
export const EventSlug = z
  .string()
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: "events.errors.slug" })
  .meta({ description: "Stable identifier of the event, the same in every language", example: "msme-day-2022" });

export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { error: "events.errors.timeZone" })
  .meta({ description: "IANA time zone the event's time is shown in", example: "Europe/Zurich" });

export interface EventTable {
  slug: string;
  kind: EventKind;
  title: ColumnType<StoredText, string, string>;
  summary: ColumnType<StoredText, string | undefined, string>;
  precision: EventPrecision;
  starts_on: string;
  starts_at: Date | null;
  ends_at: Date | null;
  time_zone: string;
  format: EventFormat | null;
  languages: string[];
  location: string | null;
  registration_url: string | null;
  recording_url: string | null;
  related_meetings: string[];
  related_guides: string[];
  source: string;
  title_written_by_us: boolean;
  updated_at: ColumnType<Date, never, string>;
}

declare module "../../db/database.js" {
  interface Tables {
    events: EventTable;
  }
}

// ---- Input ----------------------------------------------------------------------------------

const HttpsUrl = webAddress({ max: 300 });

const optionalText = (max: number) => z.string().trim().max(max).transform((v) => (v === "" ? null : v));
const Day = z.iso.date();
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "events.errors.time" });

/** A list typed one per line or separated by commas, each entry checked by `item`. */
const listOf = (item: z.ZodType<string, string>, max: number) =>
  z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max));

/**
 * An event as the Secretariat enters it: the day (for a month or a year, any day of it), and for
 * an event known to the minute its start (and optional end) time on that day in its zone.
 */
const EventFields = z
  .object({
    kind: z.enum(EVENT_KINDS),
    title: Title.edit,
    summary: Summary.edit.optional(),
    precision: z.enum(EVENT_PRECISIONS),
    date: Day,
    start_time: z.union([z.literal(""), Clock]).default(""),
    end_time: z.union([z.literal(""), Clock]).default(""),
    time_zone: TimeZone,
    format: z.union([z.literal(""), z.enum(EVENT_FORMATS)]).default(""),
    languages: listOf(z.string().regex(/^[a-z]{2}$/, { error: "events.errors.language" }), 10).default([]),
    location: optionalText(200).prefault(""),
    registration_url: z.union([z.literal(""), HttpsUrl]).default(""),
    recording_url: z.union([z.literal(""), HttpsUrl]).default(""),
    related_meetings: listOf(z.string().regex(/^[A-Za-z0-9/._-]{1,60}$/, { error: "validation.invalid" }), 20).default([]),
    related_guides: listOf(z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, { error: "validation.invalid" }), 20).default([]),
    source: z.string().trim().min(1).max(500),
    title_written_by_us: z.union([z.literal(""), z.literal("yes"), z.boolean()]).prefault("").transform((v) => v === true || v === "yes"),
  })
  .strict();

type EventFields = z.output<typeof EventFields>;

/** What one field cannot say alone: a time only for an event known to the minute, an end after the start. */
function timesAgree(v: EventFields, ctx: z.RefinementCtx) {
    if (v.precision === "time" && v.start_time === "") ctx.addIssue({ code: "custom", path: ["start_time"], message: "events.errors.startTimeNeeded" });
    if (v.precision !== "time" && (v.start_time !== "" || v.end_time !== "")) {
      ctx.addIssue({ code: "custom", path: ["start_time"], message: "events.errors.timeWithoutPrecision" });
    }
    if (v.end_time !== "" && v.start_time !== "" && v.end_time <= v.start_time) ctx.addIssue({ code: "custom", path: ["end_time"], message: "events.errors.endBeforeStart" });
}

export const EventInput = EventFields.superRefine(timesAgree);
export type EventInput = z.output<typeof EventInput>;

/** A new event: its identifier too (`new` names the back office's form). */
export const EventCreateInput = EventFields.extend({ slug: EventSlug.refine((s) => s !== "new", { error: "validation.invalid" }) }).superRefine(timesAgree);

// ---- Queries and output -----------------------------------------------------------------------

export const EventsFilter = z.object({
  lang: z.enum(LANGS).default("en").meta({ description: "Language of `title` and `summary` (when written in it)" }),
  kind: z.enum(EVENT_KINDS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().meta({ description: "Only events of this year (in their own time zone)" }),
});

export const Event = z.object({
  id: EventSlug,
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  titleLang: z.enum(LANGS),
  titleWrittenByUs: z.boolean().meta({ description: "The source names the event without a title: this one is ours" }),
  summary: z.string().nullable(),
  summaryLang: z.enum(LANGS).nullable(),
  translations: TranslationStatuses,
  precision: z.enum(EVENT_PRECISIONS),
  date: z.iso.date().meta({ description: "Day it starts on in its time zone (the first of the month or year when only that is known)" }),
  startsAt: z.iso.datetime({ offset: true }).nullable().meta({ description: "Start instant (UTC), when known to the minute" }),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  timeZone: z.string().meta({ description: "IANA time zone the event is shown in" }),
  format: z.enum(EVENT_FORMATS).nullable(),
  languages: z.array(z.string()),
  location: z.string().nullable(),
  registrationUrl: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  relatedMeetings: z.array(z.string()),
  relatedGuides: z.array(z.string()),
  source: z.string().meta({ description: "Document symbol or URL the event's facts come from" }),
  calendar: z.string().nullable().meta({ description: "iCalendar file of the event (null when it is not dated to the day)" }),
});
export type Event = z.output<typeof Event>;

export const EventsList = z.object({ items: z.array(Event), total: z.number().int() });
export type EventsList = z.output<typeof EventsList>;
