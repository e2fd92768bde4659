import ical, { ICalCalendarMethod } from "ical-generator";
import type { Event } from "./schema.js";
import { icalLocal, vtimezone } from "./zones.js";

/**
 * An instant on an event's own clock, in the shape ical-generator takes for a zoned time (it
 * accepts Luxon's DateTime; this is the little of it that it reads): the calendar then writes
 * `DTSTART;TZID=Europe/Zurich:20221005T140000` with the VTIMEZONE below, and no library of
 * time zones is needed.
 */
function zoned(at: Date, zone: string) {
  const self = {
    isValid: true as const,
    zone: { type: "iana" },
    toJSDate: () => at,
    setZone: () => self,
    toFormat: (format: string) => {
      const local = icalLocal(at, zone);
      if (format === "yyyyLLdd") return local.slice(0, 8);
      if (format === "HHmmss") return local.slice(9);
      throw new Error(`unexpected date format ${format}`);
    },
    toISO: () => at.toISOString(),
  };
  return self;
}

/** The UTC midnight of a day (an all-day event's date as the calendar writes it, without a zone). */
const dayOf = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);
const nextDay = (isoDay: string) => new Date(dayOf(isoDay).getTime() + 86_400_000);

/**
 * The events as an iCalendar file. Each event's UID is its slug at the site's host, so a calendar
 * that imported it once updates the same entry. An event known to the minute carries its own zone
 * (TZID with a VTIMEZONE covering its year); one known to the day is an all-day event; one known
 * only to the month or year is left out (a calendar has no place for it).
 */
export function calendarOf(events: readonly Event[], options: { name: string; origin: string; lang: string }): string {
  const host = new URL(options.origin).host;
  const years = new Map<string, Set<number>>();
  const calendar = ical({
    name: options.name,
    prodId: { company: "Trade4MSMEs", product: "events", language: options.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: each event names its own; the generator writes the VTIMEZONE of each.
    timezone: { name: "", generator: (zone: string) => vtimezone(zone, [...(years.get(zone) ?? [])]) },
  });
  for (const event of events) {
    if (event.precision !== "time" && event.precision !== "day") continue;
    const url = `${options.origin}/${options.lang}/events/${event.id}`;
    const common = {
      id: `event-${event.id}@${host}`,
      summary: event.title,
      description: [event.summary, url].filter(Boolean).join("\n\n"),
      url,
      location: event.location ?? (event.format === "online" ? "Online" : undefined),
      // A fixed stamp (the event's day) rather than the moment of writing: the same event gives the
      // same file, so caches and calendar clients see a change only when there is one.
      stamp: new Date(`${event.date}T00:00:00Z`),
    };
    if (event.precision === "time" && event.startsAt) {
      const start = new Date(event.startsAt);
      const end = event.endsAt ? new Date(event.endsAt) : new Date(start.getTime() + 3600_000);
      const zoneYears = years.get(event.timeZone) ?? new Set<number>();
      zoneYears.add(start.getUTCFullYear());
      years.set(event.timeZone, zoneYears);
      calendar.createEvent({ ...common, start: zoned(start, event.timeZone) as never, end: zoned(end, event.timeZone) as never, timezone: event.timeZone });
    } else {
      calendar.createEvent({ ...common, start: dayOf(event.date), end: nextDay(event.date), allDay: true });
    }
  }
  return calendar.toString();
}
