import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { messages } from "../../i18n/catalogue.js";
import { resolveText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import { findSymbols, symbolPath } from "../../symbols/index.js";
import { AppError } from "../../errors.js";
import { type Competition, getCompetition } from "../champions/service.js";
import { listDocuments } from "../documents/service.js";
import { listEvents } from "../events/service.js";
import { coordinatorOf, type MeetingDetail, meetingsOfYear, presenterLabel, speakerLabel } from "../meetings/service.js";
import { listMembers } from "../members/service.js";
import { listOrganizations, NETWORK_LAUNCHED_ON } from "../network/service.js";
import { listArchive } from "../newsletters/service.js";
import { listCounts, listImplementation } from "../package/service.js";
import { listIssued } from "../recommendations/service.js";
import { LANGS } from "../../i18n/lang.js";
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
  counts: { openEnded: number; otherMeetings: number; members: number; joined: number; narratives: number; packageRecords: number; network: number; newsletters: number; events: number; submissions: number; recommendations: number };
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

/** A year's competition of the Small Business Champions, or null when there was none. */
async function competitionOf(actor: Actor, db: Db, year: number, lang: Lang): Promise<Competition | null> {
  try {
    return await getCompetition(actor, db, year, lang);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

/**
 * How many newsletters were issued in a year: those on record (past issues entered as such) and
 * those the platform sent, in whichever language, each counted once. The archive is read a page at
 * a time, newest first, until it is past the year (at most a thousand issues a language).
 */
async function newslettersOf(actor: Actor, db: Db, year: number): Promise<number> {
  const ids = new Set<number>();
  for (const lang of LANGS) {
    for (let page = 1; page <= 20; page++) {
      const archive = await listArchive(actor, db, lang, page, 50);
      for (const issue of archive.items) if ((issue.date ?? "").startsWith(`${year}-`)) ids.add(issue.id);
      if (page >= archive.pages || archive.items.some((issue) => issue.date !== null && issue.date < `${year}-01-01`)) break;
    }
  }
  return ids.size;
}

/**
 * The Network's size at the end of a year: the organizations that joined it by 31 December, an
 * organization without a join date on record counting from the Network's launch (8 June 2022,
 * when its first 17 participants joined). At most 1,000 organizations are read.
 */
async function networkAt(actor: Actor, db: Db, day: string, lang: Lang): Promise<number> {
  let count = 0;
  for (let offset = 0; offset < 1000; offset += 100) {
    const { items } = await listOrganizations(actor, db, { lang, limit: 100, offset });
    count += items.filter((o) => (o.networkJoinedOn ?? NETWORK_LAUNCHED_ON) <= day).length;
    if (items.length < 100) break;
  }
  return count;
}

/** Drafts the annual report of `year` in `lang` from the records the actor may read. */
export async function draftReport(actor: Actor, db: Db, year: number, lang: Lang): Promise<ReportDraft> {
  const t = messages(lang);
  const yearEnd = `${year}-12-31`;
  const [meetings, coordinator, members, network, narrativeRows, adopted, earlier] = await Promise.all([
    meetingsOfYear(actor, db, year, lang),
    coordinatorOf(actor, db, year, lang),
    listMembers(actor, db, { group: "msme", date: yearEnd, lang, limit: 500, offset: 0 }),
    networkAt(actor, db, yearEnd, lang),
    repo.narrativesOf(db, year),
    repo.findReport(db, year),
    repo.earlierReports(db, year),
  ]);
  const [implementation, packageCounts, submissions, events, competition, newsletters, recommendations] = await Promise.all([
    Promise.all(([1, 2, 3, 4, 5, 6] as const).map((annex) => listImplementation(actor, db, { annex, lang }, { limit: 500, offset: 0 }))),
    listCounts(actor, db),
    listDocuments(actor, db, { prefix: "INF/MSME/P", year, lang, limit: 100, offset: 0 }),
    listEvents(actor, db, { lang, year, limit: 200 }),
    competitionOf(actor, db, year, lang),
    newslettersOf(actor, db, year),
    listIssued(actor, db, { lang, year, limit: 100, offset: 0 }),
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

  // --- The package, by annex: the tracker's confirmed records and counts of the year ----------------
  const inYear = (day: string | null) => day?.startsWith(`${year}-`) === true;
  const when = (day: string, precision: string) => t(precision === "by" ? "reports.package.by" : "reports.package.on", { date: reportDate(lang, day) });
  const annexes: Section[] = [];
  let packageRecords = 0;
  for (const annex of [1, 2, 3, 4, 5, 6] as const) {
    const key = `annex${annex}` as SectionKey;
    const items: Paragraph[] = [];
    const records = (implementation[annex - 1]?.items ?? []).filter((r) => inYear(r.date) && (r.status === "done" || r.status === "in_progress"));
    records.sort((x, y) => (x.date ?? "").localeCompare(y.date ?? "") || x.memberName.localeCompare(y.memberName, lang));
    for (const r of records) {
      const base = { member: r.memberName, status: r.status, when: when(r.date ?? "", r.datePrecision) };
      const meeting = r.evidence.meeting;
      items.push(
        para(
          meeting?.date && meeting.symbol
            ? t("reports.package.recordAt", { ...base, meeting: reportDate(lang, meeting.date), symbol: meeting.symbol })
            : r.evidence.document
              ? t("reports.package.recordIn", { ...base, symbol: r.evidence.document })
              : t("reports.package.record", base),
        ),
      );
    }
    packageRecords += records.length;
    for (const c of packageCounts.filter((c) => c.annex === annex && inYear(c.asOf))) {
      const measure = t(`package.measures.${c.measure}`, { count: c.count });
      const at = { precision: c.asOfPrecision, date: reportDate(lang, c.asOf), measure };
      items.push(para(c.meetingSymbol ? t("reports.package.countAt", { ...at, symbol: c.meetingSymbol }) : t("reports.package.count", at)));
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
  // The Network at the year's end (none before its launch in June 2022).
  if (network > 0) otherParas.push(para(t("reports.other.network", { year, count: network, launched: reportDate(lang, NETWORK_LAUNCHED_ON) })));
  if (competition) {
    const laureates = (list: { name: string; country: string | null }[]) => list.map((l) => (l.country ? `${l.name} (${l.country})` : l.name));
    otherParas.push(
      para(
        t("reports.other.champions", {
          year,
          name: competition.name,
          theme: competition.theme ?? "",
          hasTheme: competition.theme ? "yes" : "no",
          proposals: competition.proposalCount ?? 0,
          hasProposals: competition.proposalCount === null ? "no" : "yes",
          approximate: competition.proposalCountApproximate ? "yes" : "no",
          winners: list(lang, laureates(competition.winners)),
          runnersUp: list(lang, laureates(competition.runnersUp)),
          hasWinners: competition.winners.length > 0 ? "yes" : "no",
          hasRunnersUp: competition.runnersUp.length > 0 ? "yes" : "no",
        }),
      ),
    );
  }
  if (newsletters > 0) otherParas.push(para(t("reports.other.newsletters", { year, count: newsletters, words: reportNumber(newsletters, lang, { gender: lang === "es" ? "m" : "f" }) })));
  // Traders' recommendations: the recommendations module knows who sent them (even those whose
  // symbols a source does not give); the registry knows the symbols of the ones it holds.
  if (recommendations.total > 0) {
    const senders = [...new Set(recommendations.items.map((r) => r.organization).filter((o): o is string => o !== null))];
    const words = reportNumber(recommendations.total, lang, { gender: "m" });
    otherParas.push(para(senders.length ? t("reports.other.recommendationsFrom", { year, count: recommendations.total, words, senders: list(lang, senders) }) : t("reports.other.recommendations", { year, count: recommendations.total, words })));
  }
  if (submissions.total > 0) {
    const symbols = submissions.items.map((d) => d.symbol);
    otherParas.push(para(t("reports.other.submissions", { year, count: submissions.total, words: reportNumber(submissions.total, lang, { gender: "f" }), symbols: list(lang, symbols) })));
  }
  const byKind = new Map<string, typeof events.items>();
  for (const e of [...events.items].sort((x, y) => x.date.localeCompare(y.date) || x.title.localeCompare(y.title, lang))) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  for (const [kind, list_] of byKind) {
    const items = list_.map((e) => (e.precision === "time" || e.precision === "day" ? `${e.title} (${reportDate(lang, e.date)})` : e.precision === "month" ? `${e.title} (${monthOf(lang, e.date)})` : e.title));
    otherParas.push(para(t("reports.other.events", { kind: t(`events.kinds.${kind}`), count: list_.length, words: reportNumber(list_.length, lang, { gender: "m" }), items: items.join("; ") })));
  }
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
    counts: {
      openEnded: openEnded.length,
      otherMeetings: others.length,
      members: members.total,
      joined: joined.length,
      narratives: narrativeRows.length,
      packageRecords,
      network,
      newsletters,
      events: events.total,
      submissions: submissions.total,
      recommendations: recommendations.total,
    },
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
