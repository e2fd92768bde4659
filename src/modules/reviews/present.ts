import type { DefinitionRowStored, QaRow, ReferenceRow, ReviewRow } from "./repo.js";
import type { Definition, Qa, Reference, Review } from "./schema.js";

/** Exactly what leaves the server about reviews, references, definitions and Q&As. */
const num = (v: string | number | null) => (v === null ? null : Number(v));

export const presentDefinition = (d: DefinitionRowStored): Definition => ({
  sizeClass: d.size_class,
  sector: d.sector === "" ? null : d.sector,
  employeesMax: d.employees_max,
  turnoverMax: num(d.turnover_max),
  assetsMax: num(d.assets_max),
  currency: d.currency,
});

export const presentReference = (r: ReferenceRow, definitions: readonly DefinitionRowStored[]): Reference => ({
  id: Number(r.id),
  reviewId: Number(r.review_id),
  reportType: r.report_type,
  location: r.location,
  summary: r.summary,
  quote: r.quote,
  quoteSource: r.quote_source,
  topics: r.topics,
  sourceUrl: r.source_url,
  illustrative: r.illustrative,
  verified: r.verified,
  definition: definitions.filter((d) => Number(d.reference_id) === Number(r.id)).map(presentDefinition),
});

export const presentQa = (q: QaRow, names: ReadonlyMap<string, string>): Qa => ({
  id: Number(q.id),
  reviewId: Number(q.review_id),
  askedBy: q.asked_by,
  askedByName: q.asked_by ? (names.get(q.asked_by) ?? q.asked_by) : null,
  question: q.question,
  answer: q.answer,
  document: q.document,
  illustrative: q.illustrative,
});

export function presentReview(r: ReviewRow, names: ReadonlyMap<string, string>, references: Reference[]): Review {
  const members = r.members.map((code) => ({ code, name: names.get(code) ?? code }));
  return {
    id: Number(r.id),
    member: r.members[0] ?? "",
    members,
    year: r.year,
    cycle: r.cycle,
    meetingStart: r.meeting_start,
    meetingEnd: r.meeting_end,
    documents: { secretariatReport: r.secretariat_report, governmentReport: r.government_report, minutes: r.minutes, concludingRemarks: r.concluding_remarks },
    msmeSection: r.msme_section,
    verified: r.verified,
    illustrative: r.illustrative,
    note: r.note,
    source: r.source,
    references,
  };
}

/** A review as the audit trail keeps it. */
export const auditedReview = ({ id: _, ...row }: ReviewRow) => row;
export const auditedReference = (r: Omit<ReferenceRow, "id">, definitions: readonly Omit<DefinitionRowStored, "reference_id">[]) => ({ ...r, definition: definitions });
