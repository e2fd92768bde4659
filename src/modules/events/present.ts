import { resolveText, translationStatuses } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { EventRow } from "./repo.js";
import type { Event } from "./schema.js";

/** Exactly what leaves the server about an event. */
export function presentEvent(row: EventRow, lang: Lang): Event {
  // The database refuses an event without a title in its source language: there is always one.
  const title = resolveText(row.title, lang) ?? { text: row.slug, lang };
  const summary = resolveText(row.summary, lang);
  const dated = row.precision === "time" || row.precision === "day";
  return {
    id: row.slug,
    kind: row.kind,
    title: title.text,
    titleLang: title.lang,
    titleWrittenByUs: row.title_written_by_us,
    summary: summary?.text ?? null,
    summaryLang: summary?.lang ?? null,
    translations: translationStatuses(row.title),
    precision: row.precision,
    date: row.starts_on,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    format: row.format,
    languages: row.languages,
    location: row.location,
    registrationUrl: row.registration_url,
    recordingUrl: row.recording_url,
    relatedMeetings: row.related_meetings,
    relatedGuides: row.related_guides,
    source: row.source,
    calendar: dated ? `/${lang}/events/${row.slug}.ics` : null,
  };
}

/** The event's date as its source gives it: "5 October 2022", "October 2022", "2022". */
export function eventDate(event: Pick<Event, "date" | "precision" | "startsAt" | "timeZone">, lang: Lang): string {
  const day = new Date(`${event.date}T12:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    event.precision === "year"
      ? { year: "numeric" }
      : event.precision === "month"
        ? { year: "numeric", month: "long" }
        : { year: "numeric", month: "long", day: "numeric", weekday: event.precision === "time" ? "long" : undefined };
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: "UTC" }).format(day);
}

/** "14:00–15:30" (or "14:00") on the event's own clock. */
export function eventTimes(event: Pick<Event, "startsAt" | "endsAt" | "timeZone">, lang: Lang): string | null {
  if (!event.startsAt) return null;
  const clock = new Intl.DateTimeFormat(lang, { timeZone: event.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const start = clock.format(new Date(event.startsAt));
  return event.endsAt ? `${start}–${clock.format(new Date(event.endsAt))}` : start;
}

/** The zone's offset at the event's start as readers know it: "GMT+2", "UTC−5". */
export function zoneOffset(event: Pick<Event, "startsAt" | "timeZone">, lang: Lang): string {
  const at = event.startsAt ? new Date(event.startsAt) : new Date();
  const part = new Intl.DateTimeFormat(lang, { timeZone: event.timeZone, timeZoneName: "shortOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? event.timeZone;
}
