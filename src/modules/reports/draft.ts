import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { messages } from "../../i18n/catalogue.js";
import { resolveText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import { findSymbols, symbolPath } from "../../symbols/index.js";
import { coordinatorOf, type MeetingDetail, meetingsOfYear, presenterLabel, speakerLabel } from "../meetings/service.js";
import { listMembers } from "../members/service.js";
import { listOrganizations } from "../network/service.js";
import { ordinalWords, reportNumber } from "./numbers.js";
import * as repo from "./repo.js";
import type { SectionKey } from "./schema.js";

/**
 * The annual report of a year, drafted from the platform's records: the same records give the
 * same draft (nothing in it depends on the day it is drafted), and a change to a record (a
 * meeting's day, a member welcomed) changes the draft. The structure is the Group's reports':
 * introduction, the open-ended meetings, the implementation of the package by annex, other
 * activities, conclusion; each section carries the Secretariat's own paragraphs after what the
 * records say. Rendered as HTML (`pages/ReportPage.tsx`), DOCX (`docx.ts`) and PDF (`pdf.ts`).
 */

/** A piece of a paragraph: text, a WTO document symbol (as written, and its page's path after `/{lang}/documents/`), or a link. */
export type Run = { text: string } | { symbol: string; path: string } | { text: string; href: string };

export interface Paragraph {
  runs: Run[];
  /** The language the paragraph is written in when it is not the report's (an untranslated text). */
  lang?: Lang;
  /** A paragraph the Secretariat wrote, not drawn from the records. */
  narrative?: boolean;
}

export interface Section {
  key: SectionKey | "meeting";
  heading: string;
  paragraphs: Paragraph[];
  subsections: Section[];
}

export interface ReportDraft {
  year: number;
  lang: Lang;
  title: string;
  /** "Draft" or the adopted document's symbol and date. */
  status: string;
  adopted: { symbol: string; dated: string } | null;
  sections: Section[];
  /** What the draft was made from, for the back office and tests. */
  counts: { openEnded: number; otherMeetings: number; members: number; joined: number; narratives: number };
}

/** The Group's founding, as the Ministerial Statement of MC11 records it. */
export const FOUNDING = { date: "2017-12-13", founders: 88, symbol: "WT/MIN(17)/58/Rev.1" } as const;
/** The MSME Package the Group adopted in December 2020. */
export const PACKAGE_SYMBOL = "INF/MSME/4/Rev.2";

/** A text cut into runs, each WTO document symbol it mentions a run of its own (src/symbols/ finds them). */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const { start, end, symbol } of findSymbols(text)) {
    if (start > at) runs.push({ text: text.slice(at, start) });
    runs.push({ symbol: text.slice(start, end), path: symbolPath(symbol) });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

const para = (text: string, extra: Omit<Paragraph, "runs"> = {}): Paragraph => ({ runs: runsOf(text), ...extra });

/** Dates as the Group's reports write them: 8 February 2022 (British English in English). */
export function reportDate(lang: Lang, day: string, withYear = true): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { timeZone: "UTC", day: "numeric", month: "long", ...(withYear ? { year: "numeric" } : {}) }).format(new Date(`${day}T00:00:00Z`));
}
const monthOf = (lang: Lang, day: string) => new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(`${day}T00:00:00Z`));

const list = (lang: Lang, items: string[]) => new Intl.ListFormat(lang, { type: "conjunction" }).format(items);

/** The narrative paragraphs of a section, in the report's language (else their original). */
function narrativesFor(narratives: Map<string, repo.NarrativeRow>, section: SectionKey, lang: Lang): Paragraph[] {
  const row = narratives.get(section);
  const shown = row ? resolveText(row.body, lang) : null;
  if (!shown) return [];
  return shown.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => para(p, { narrative: true, ...(shown.lang !== lang ? { lang: shown.lang } : {}) }));
}

/** The sentences about one meeting: who was welcomed, who spoke, the agenda, what was presented, the summary. */
function meetingParagraphs(m: MeetingDetail, lang: Lang, opening: string, withSummary = true): Paragraph[] {
  const t = messages(lang);
  const out: Paragraph[] = [para(opening)];
  if (m.welcomed.length) {
    const count = m.welcomed.length;
    out.push(para(t("reports.meetings.welcomed", { count, words: reportNumber(count, lang), names: list(lang, m.welcomed.map((w) => w.name)) })));
  }
  if (m.speakers.length) {
    out.push(para(t("reports.meetings.speakers", { count: m.speakers.length, names: list(lang, m.speakers.map(speakerLabel)) })));
  }
  if (m.agenda.length) {
    out.push(para(t("reports.meetings.agenda", { items: m.agenda.map((a) => a.title).join("; ") })));
  }
  if (m.presentations.length) {
    const count = m.presentations.length;
    const items = m.presentations.map((p) =>
      p.invitedBy ? t("reports.meetings.presentationInvited", { title: p.title, presenter: presenterLabel(p), member: p.invitedBy.name }) : t("reports.meetings.presentation", { title: p.title, presenter: presenterLabel(p) }),
    );
    // Presentations are "exposés" in French (masculine), "presentaciones" in Spanish (feminine).
    out.push(para(t("reports.meetings.presentations", { count, words: reportNumber(count, lang, { gender: lang === "es" ? "f" : "m" }), items: items.join("; ") })));
  }
  if (m.notes) out.push(para(m.notes, m.notesLang && m.notesLang !== lang ? { lang: m.notesLang } : {}));
  if (m.summarySymbol) out.push(para(t("reports.meetings.summary", { symbol: m.summarySymbol })));
  else if (withSummary) out.push(para(t("reports.meetings.noSummary")));
  return out;
}

/** Drafts the annual report of `year` in `lang` from the records the actor may read. */
export async function draftReport(actor: Actor, db: Db, year: number, lang: Lang): Promise<ReportDraft> {
  const t = messages(lang);
  const yearEnd = `${year}-12-31`;
  const [meetings, coordinator, members, network, narrativeRows, adopted, earlier] = await Promise.all([
    meetingsOfYear(actor, db, year, lang),
    coordinatorOf(actor, db, year, lang),
    listMembers(actor, db, { group: "msme", date: yearEnd, lang, limit: 500, offset: 0 }),
    listOrganizations(actor, db, { lang, limit: 1 }),
    repo.narrativesOf(db, year),
    repo.findReport(db, year),
    repo.earlierReports(db, year),
  ]);
  const narratives = new Map(narrativeRows.map((n) => [n.section, n]));
  const openEnded = meetings.filter((m) => m.kind === "open_ended");
  const others = meetings.filter((m) => m.kind !== "open_ended");

  // --- Introduction -------------------------------------------------------------------------
  const introduction: Paragraph[] = [
    para(t("reports.intro.founded", { date: reportDate(lang, FOUNDING.date), founders: FOUNDING.founders, symbol: FOUNDING.symbol })),
    para(t("reports.intro.scope", { year })),
  ];
  if (coordinator) introduction.push(para(t("reports.intro.coordinator", { name: coordinator.name, title: coordinator.title ?? "" })));
  const joined = members.items.filter((m) => m.msme?.joinedOn.startsWith(`${year}-`));
  if (joined.length) {
    const names = joined.map((m) => {
      const on = m.msme?.joinedOn ?? "";
      const when = m.msme?.precision === "day" ? reportDate(lang, on) : m.msme?.precision === "month" ? monthOf(lang, on) : t("reports.intro.by", { date: reportDate(lang, on) });
      return t("reports.intro.joinedOne", { name: m.name, when });
    });
    introduction.push(para(t("reports.intro.joined", { year, count: joined.length, names: list(lang, names) })));
  }
  introduction.push(para(members.total === 0 ? t("reports.intro.noMembers", { year }) : t("reports.intro.members", { year, count: members.total, words: reportNumber(members.total, lang) })));
  if (members.total > 0) {
    const names = members.items.map((m) => m.name).sort((a, b) => a.localeCompare(b, lang));
    introduction.push(para(t("reports.intro.memberList", { year, names: names.join("; ") })));
  }
  if (earlier.length) {
    introduction.push(para(t("reports.intro.previous", { items: list(lang, earlier.map((r) => t("reports.intro.previousOne", { symbol: r.symbol, date: reportDate(lang, r.dated) }))) })));
  }
  introduction.push(...narrativesFor(narratives, "introduction", lang));

  // --- The open-ended meetings ----------------------------------------------------------------
  const meetingParas: Paragraph[] = [];
  const perMeeting: Section[] = [];
  if (openEnded.length === 0) meetingParas.push(para(t("reports.meetings.none", { year })));
  else {
    const count = openEnded.length;
    const dates = list(lang, openEnded.map((m) => reportDate(lang, m.date, false)));
    meetingParas.push(para(t("reports.meetings.count", { year, count, words: reportNumber(count, lang, { gender: "f" }), dates })));
    openEnded.forEach((m, i) => {
      const opening = t("reports.meetings.held", {
        date: reportDate(lang, m.date),
        ordinal: ordinalWords(i + 1, lang, { gender: "f" }),
        notice: m.noticeSymbol ?? "none",
      });
      perMeeting.push({ key: "meeting", heading: reportDate(lang, m.date), paragraphs: meetingParagraphs(m, lang, opening), subsections: [] });
    });
  }
  const meetingNarratives = narrativesFor(narratives, "meetings", lang);

  // --- The package, by annex ------------------------------------------------------------------
  const annexes: Section[] = [];
  for (const annex of [1, 2, 3, 4, 5, 6] as const) {
    const key = `annex${annex}` as SectionKey;
    const items: Paragraph[] = [];
    for (const m of meetings) {
      for (const a of m.agenda.filter((item) => item.annex === annex)) {
        const presented = m.presentations.filter((p) => p.agendaPosition === a.position).map((p) => t("reports.meetings.presentation", { title: p.title, presenter: presenterLabel(p) }));
        items.push(para(presented.length ? t("reports.package.itemWith", { date: reportDate(lang, m.date), title: a.title, presented: presented.join("; ") }) : t("reports.package.item", { date: reportDate(lang, m.date), title: a.title })));
      }
    }
    items.push(...narrativesFor(narratives, key, lang));
    if (items.length) annexes.push({ key, heading: t("reports.package.annex", { annex }), paragraphs: items, subsections: [] });
  }
  const packageParas = [para(t("reports.package.intro", { symbol: PACKAGE_SYMBOL })), ...narrativesFor(narratives, "package", lang)];
  if (annexes.length === 0) packageParas.push(para(t("reports.package.none", { year })));

  // --- Other activities -------------------------------------------------------------------------
  const otherParas: Paragraph[] = [];
  for (const m of others) {
    const format = m.format ? t(`meetings.formats.${m.format}`) : null;
    const title = m.ownTitle ? m.title : t(`meetings.kinds.${m.kind}`);
    const opening = format ? t("reports.other.meetingFormat", { title, date: reportDate(lang, m.date), format }) : t("reports.other.meeting", { title, date: reportDate(lang, m.date) });
    otherParas.push(...meetingParagraphs(m, lang, opening, false));
  }
  // The Network was launched in June 2022: its size is today's, so it is said only of the years since.
  if (year >= 2022 && network.total > 0) otherParas.push(para(t("reports.other.network", { count: network.total })));
  otherParas.push(...narrativesFor(narratives, "other", lang));
  if (otherParas.length === 0) otherParas.push(para(t("reports.other.none", { year })));

  // --- Conclusion ----------------------------------------------------------------------------
  const conclusion = [
    para(adopted ? t("reports.conclusion.adopted", { year, symbol: adopted.symbol, date: reportDate(lang, adopted.dated) }) : t("reports.conclusion.draft", { year })),
    ...narrativesFor(narratives, "conclusion", lang),
  ];

  const sections: Section[] = [
    { key: "introduction", heading: t("reports.headings.introduction"), paragraphs: introduction, subsections: [] },
    { key: "meetings", heading: t("reports.headings.meetings", { year }), paragraphs: [...meetingParas], subsections: [...perMeeting, ...(meetingNarratives.length ? [{ key: "meetings" as const, heading: t("reports.headings.meetingsMore"), paragraphs: meetingNarratives, subsections: [] }] : [])] },
    { key: "package", heading: t("reports.headings.package"), paragraphs: packageParas, subsections: annexes },
    { key: "other", heading: t("reports.headings.other"), paragraphs: otherParas, subsections: [] },
    { key: "conclusion", heading: t("reports.headings.conclusion"), paragraphs: conclusion, subsections: [] },
  ];
  return {
    year,
    lang,
    title: t("reports.title", { year }),
    status: adopted ? t("reports.statusAdopted", { symbol: adopted.symbol, date: reportDate(lang, adopted.dated) }) : t("reports.statusDraft"),
    adopted: adopted ? { symbol: adopted.symbol, dated: adopted.dated } : null,
    sections,
    counts: { openEnded: openEnded.length, otherMeetings: others.length, members: members.total, joined: joined.length, narratives: narrativeRows.length },
  };
}

/** The draft as plain text (paragraphs separated by blank lines), e.g. for tests and the command line. */
export function plainText(draft: ReportDraft): string {
  const lines: string[] = [draft.title, draft.status];
  const walk = (s: Section) => {
    lines.push(s.heading);
    for (const p of s.paragraphs) lines.push(p.runs.map((r) => ("symbol" in r ? r.symbol : r.text)).join(""));
    s.subsections.forEach(walk);
  };
  draft.sections.forEach(walk);
  return lines.join("\n\n");
}
