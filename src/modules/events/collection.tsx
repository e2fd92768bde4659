import { defineCollection } from "../../http/collections.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { EventWhen } from "./pages/parts.js";
import { EVENT_KINDS, Event, EventsFilter } from "./schema.js";
import { listEvents, today } from "./service.js";

function EventLink({ event }: { event: Event }) {
  const { lang } = usePage();
  return (
    <a href={`/${lang}/events/${event.id}`} lang={event.titleLang === lang ? undefined : event.titleLang}>
      {event.title}
    </a>
  );
}

function KindName({ kind }: { kind: Event["kind"] }) {
  return <>{usePage().t(`events.kinds.${kind}`)}</>;
}

/** The Group's events: page, API and downloads. */
export const eventsCollection = defineCollection({
  api: "/api/v1/events",
  tag: "events",
  summary: "The MSME Group's events: webinars, MSME Day, ceremonies, promotional events, the Coordinator's speaking engagements",
  filters: EventsFilter,
  item: Event,
  columns: [
    { key: "id", csv: (e) => e.id },
    { key: "date", label: "events.when", csv: (e) => e.date, cell: (e) => <EventWhen event={e} short /> },
    { key: "title", label: "events.event", rowHeader: true, csv: (e) => e.title, cell: (e) => <EventLink event={e} /> },
    { key: "title_lang", csv: (e) => e.titleLang },
    { key: "kind", label: "events.kind", csv: (e) => e.kind, cell: (e) => <KindName kind={e.kind} /> },
    { key: "precision", csv: (e) => e.precision },
    { key: "starts_at", csv: (e) => e.startsAt },
    { key: "ends_at", csv: (e) => e.endsAt },
    { key: "time_zone", csv: (e) => e.timeZone },
    { key: "format", csv: (e) => e.format },
    { key: "languages", csv: (e) => e.languages.join(" ") },
    { key: "location", csv: (e) => e.location },
    { key: "registration_url", csv: (e) => e.registrationUrl },
    { key: "recording_url", csv: (e) => e.recordingUrl },
    { key: "source", csv: (e) => e.source },
    { key: "title_written_by_us", csv: (e) => (e.titleWrittenByUs ? "yes" : "no") },
  ],
  list: (actor, { db }, filter, page) => listEvents(actor, db, { ...filter, ...page }),
  fileName: () => `trade4msmes-events-${today()}`,
});

export const eventFilterFields: FilterField[] = [
  { name: "kind", type: "select", label: "events.kind", any: "events.allKinds", options: EVENT_KINDS.map((k) => ({ value: k, label: `events.kinds.${k}` })) },
  { name: "year", type: "text", label: "events.year", hint: "events.yearHint" },
];
