import ical, { ICalCalendarMethod } from "ical-generator";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import { listMeetings } from "./service.js";

/** How long a meeting with a starting time is taken to last, for calendars (the records keep no end). */
const DEFAULT_HOURS = 3;

/** The instant a wall-clock time of a day is in a time zone (`2022-02-08`, `10:00`, `Europe/Zurich`). */
export function zonedInstant(day: string, time: string, zone: string): Date {
  const guess = new Date(`${day}T${time}:00Z`);
  // The zone's offset at that moment: format the guess there and compare.
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

/**
 * The Group's meetings as an iCalendar feed in one language: one event per meeting, its UID
 * `meeting-<id>@<host>` (stable whatever changes), its summary the title in that language, the
 * convening notice's symbol in its description, its stamp the meeting's day (so two renders
 * of the same records are the same). A meeting without a time is an all-day event.
 */
export async function meetingsCalendar(actor: Actor, db: Db, lang: Lang, origin: string): Promise<string> {
  const t = messages(lang);
  const host = new URL(origin).hostname;
  const calendar = ical({ name: t("meetings.calendarName"), prodId: { company: "Trade4MSMEs", product: "meetings", language: lang.toUpperCase() }, method: ICalCalendarMethod.PUBLISH });
  const all = [];
  // The whole record, a page at a time (the Group meets a handful of times a year).
  for (let offset = 0; offset < 5000; offset += 500) {
    const { items } = await listMeetings(actor, db, { lang, limit: 500, offset });
    all.push(...items);
    if (items.length < 500) break;
  }
  for (const m of all) {
    const url = `${origin}/${lang}/meetings/${m.slug}`;
    const lines = [
      t(`meetings.kinds.${m.kind}`),
      m.noticeSymbol ? t("meetings.ical.notice", { symbol: m.noticeSymbol }) : null,
      m.summarySymbol ? t("meetings.ical.summary", { symbol: m.summarySymbol }) : null,
      url,
    ].filter((l): l is string => l !== null);
    const timed = m.startsAt !== null;
    const start = timed ? zonedInstant(m.date, m.startsAt ?? "00:00", m.timeZone ?? "UTC") : new Date(`${m.date}T00:00:00Z`);
    calendar.createEvent({
      id: `meeting-${m.id}@${host}`,
      start,
      ...(timed ? { end: new Date(start.getTime() + DEFAULT_HOURS * 3_600_000) } : { allDay: true }),
      stamp: new Date(`${m.date}T00:00:00Z`),
      summary: m.title,
      description: lines.join("\n"),
      url,
    });
  }
  return calendar.toString();
}
