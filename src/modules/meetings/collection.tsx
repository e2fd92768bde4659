import { defineCollection } from "../../http/collections.js";
import { formatDate } from "../../i18n/catalogue.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { SymbolLink } from "./pages/parts.js";
import { MEETING_KINDS, Meeting, MeetingsFilter } from "./schema.js";
import { listMeetings } from "./service.js";

function MeetingLink({ meeting }: { meeting: Meeting }) {
  const { lang } = usePage();
  return (
    <a href={`/${lang}/meetings/${meeting.slug}`} lang={meeting.titleLang === lang ? undefined : meeting.titleLang}>
      {meeting.title}
    </a>
  );
}

function Day({ day }: { day: string }) {
  const { lang } = usePage();
  return <time dateTime={day}>{formatDate(lang, day)}</time>;
}

function Kind({ kind }: { kind: Meeting["kind"] }) {
  return <>{usePage().t(`meetings.kinds.${kind}`)}</>;
}

/** The Group's meetings: page, API and downloads. */
export const meetingsCollection = defineCollection({
  api: "/api/v1/meetings",
  tag: "meetings",
  summary: "The MSME Group's meetings, earliest first",
  filters: MeetingsFilter,
  item: Meeting,
  columns: [
    { key: "id", csv: (m) => m.id },
    { key: "slug", csv: (m) => m.slug },
    { key: "date", label: "meetings.date", csv: (m) => m.date, cell: (m) => <Day day={m.date} /> },
    { key: "title", label: "meetings.meeting", rowHeader: true, csv: (m) => m.title, cell: (m) => <MeetingLink meeting={m} /> },
    { key: "title_lang", csv: (m) => m.titleLang },
    { key: "kind", label: "meetings.kind", csv: (m) => m.kind, cell: (m) => <Kind kind={m.kind} /> },
    { key: "format", csv: (m) => m.format },
    { key: "starts_at", csv: (m) => m.startsAt },
    { key: "time_zone", csv: (m) => m.timeZone },
    { key: "notice_symbol", label: "meetings.notice", csv: (m) => m.noticeSymbol, cell: (m) => (m.noticeSymbol ? <SymbolLink symbol={m.noticeSymbol} /> : "—") },
    { key: "summary_symbol", label: "meetings.summary", csv: (m) => m.summarySymbol, cell: (m) => (m.summarySymbol ? <SymbolLink symbol={m.summarySymbol} /> : "—") },
    { key: "source", csv: (m) => m.source },
  ],
  list: (actor, { db }, filter, page) => listMeetings(actor, db, { ...filter, ...page }),
  fileName: (filter) => `trade4msmes-meetings${filter.year ? `-${filter.year}` : ""}`,
});

/** The list's filters: a year among those with meetings, and a kind. */
export const meetingFilterFields = (years: readonly number[]): FilterField[] => [
  { name: "year", type: "select", label: "meetings.year", any: "meetings.allYears", options: years.map((y) => ({ value: String(y), label: String(y), raw: true })) },
  { name: "kind", type: "select", label: "meetings.kind", any: "meetings.allKinds", options: MEETING_KINDS.map((k) => ({ value: k, label: `meetings.kinds.${k}` })) },
];
