import { formatDate, messages } from "../../i18n/catalogue.js";
import { resolveText, type StoredText, translationStatuses } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { MeetingRecord, MeetingRow } from "./repo.js";
import type { Meeting, MeetingDetail } from "./schema.js";

/** Names of members and organizations in the reader's language, from their modules' services. */
export interface Names {
  economies: Map<string, string>;
  organizations: Map<string, string>;
}

/** A short text in the reader's language, else the one it was written in; the language it is in. */
function textIn(stored: StoredText, lang: Lang): { text: string; lang: Lang } | null {
  const shown = resolveText(stored, lang);
  return shown ? { text: shown.text, lang: shown.lang } : null;
}

/** The meeting's own title, or its kind and date ("Open-ended meeting, 8 February 2022"). */
export function meetingTitle(row: Pick<MeetingRow, "title" | "kind" | "held_on">, lang: Lang): { text: string; lang: Lang } {
  return textIn(row.title, lang) ?? { text: messages(lang)(`meetings.titleOf.${row.kind}`, { date: formatDate(lang, row.held_on) }), lang };
}

export function presentMeeting(row: MeetingRow, lang: Lang): Meeting {
  const title = meetingTitle(row, lang);
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    date: row.held_on,
    startsAt: row.starts_at,
    timeZone: row.time_zone,
    format: row.format,
    title: title.text,
    titleLang: title.lang,
    ownTitle: row.title.source !== undefined && resolveText(row.title, lang) !== null,
    noticeSymbol: row.notice_symbol,
    summarySymbol: row.summary_symbol,
    source: row.source,
  };
}

const named = (names: Map<string, string>, code: string | null) => (code === null ? null : { code, name: names.get(code) ?? code });

/** Whether slides of these access rules are shown to everyone today. */
export const slidesArePublic = (slide: { restriction: string; restricted_until: string | null }, today: string) =>
  slide.restriction === "public" || (slide.restricted_until !== null && slide.restricted_until <= today);

/** Where a presentation's slides in a language are served. */
export const slidesPath = (lang: Lang, slug: string, presentationId: number, version: Lang) => `/${lang}/meetings/${slug}/slides/${presentationId}/${version}`;

/**
 * A meeting as it leaves the server. `seesRestricted`: the Secretariat, who also gets the slides
 * restricted to it; for anyone else `today` decides which restrictions have ended.
 */
export function presentMeetingDetail(record: MeetingRecord, lang: Lang, names: Names, access: { seesRestricted: boolean; today: string } = { seesRestricted: false, today: "" }): MeetingDetail {
  const { meeting } = record;
  const notes = resolveText(meeting.notes, lang);
  const organization = (slug: string | null) => (slug === null ? null : { slug, name: names.organizations.get(slug) ?? slug });
  return {
    ...presentMeeting(meeting, lang),
    agenda: record.agenda.map((a) => {
      const title = textIn(a.title, lang) ?? { text: "", lang };
      return { position: a.position, topic: a.topic, annex: a.annex, title: title.text, titleLang: title.lang, source: a.source };
    }),
    speakers: record.speakers.map((s) => ({
      position: s.position,
      name: s.name,
      role: s.role,
      member: named(names.economies, s.economy_code),
      organization: organization(s.organization_slug),
      source: s.source,
    })),
    presentations: record.presentations.map((p) => {
      const title = textIn(p.title, lang) ?? { text: "", lang };
      return {
        position: p.position,
        title: title.text,
        titleLang: title.lang,
        presenterKind: p.presenter_kind,
        member: named(names.economies, p.economy_code),
        organization: organization(p.organization_slug),
        presenterName: p.presenter_name,
        presenterAffiliation: p.presenter_affiliation,
        invitedBy: named(names.economies, p.invited_by),
        agendaPosition: p.agenda_position,
        id: p.id,
        slides: record.slides
          .filter((s) => s.presentation_id === p.id && (access.seesRestricted || slidesArePublic(s, access.today)))
          .map((s) => ({
            lang: s.lang,
            name: s.name,
            kind: s.type === "application/pdf" ? ("pdf" as const) : ("pptx" as const),
            size: s.size,
            url: slidesPath(lang, meeting.slug, p.id, s.lang),
            restriction: s.restriction,
            restrictedUntil: s.restricted_until,
          })),
        source: p.source,
      };
    }),
    welcomed: record.welcomed
      .map((w) => ({ code: w.economy_code, name: names.economies.get(w.economy_code) ?? w.economy_code, source: w.source }))
      .sort((a, b) => a.name.localeCompare(b.name, lang)),
    notes: notes?.text ?? null,
    notesLang: notes?.lang ?? null,
    notesSourceLang: meeting.notes.source ?? null,
    translations: translationStatuses(meeting.notes),
  };
}

/** Who presented, as a line reads it: "Côte d'Ivoire", "ITC", "Ana Pérez (GLEIF)". */
export function presenterLabel(p: MeetingDetail["presentations"][number]): string {
  if (p.member) return p.member.name;
  if (p.organization) return p.organization.name;
  return p.presenterAffiliation ? `${p.presenterName} (${p.presenterAffiliation})` : (p.presenterName ?? "");
}

/** A speaker as a line reads it: "Dr Jorge Morales Paulino, Vice-Minister … (Dominican Republic)". */
export function speakerLabel(s: MeetingDetail["speakers"][number]): string {
  const who = [s.name, s.role].filter(Boolean).join(", ");
  const body = s.member?.name ?? s.organization?.name;
  if (!who) return body ?? "";
  return body ? `${who} (${body})` : who;
}
