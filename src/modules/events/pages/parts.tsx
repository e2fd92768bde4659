import { usePage } from "../../../ui/context.js";
import { eventDate, eventTimes, zoneOffset } from "../present.js";
import type { Event } from "../schema.js";

/**
 * When an event is: its date as precisely as known, and for a timed event its time on the event's
 * own clock, saying which zone that is ("14:00–15:30, Geneva time (Europe/Zurich, GMT+2)").
 */
export function EventWhen({ event, short = false }: { event: Event; short?: boolean }) {
  const { t, lang } = usePage();
  const date = eventDate(event, lang);
  const times = eventTimes(event, lang);
  if (!times) return <time dateTime={event.precision === "year" ? event.date.slice(0, 4) : event.precision === "month" ? event.date.slice(0, 7) : event.date}>{date}</time>;
  return (
    <>
      <time dateTime={event.startsAt ?? event.date}>{date}</time>
      {", "}
      {short ? t("events.timeShort", { times, offset: zoneOffset(event, lang) }) : t("events.timeInZone", { times, zone: event.timeZone, offset: zoneOffset(event, lang) })}
    </>
  );
}
