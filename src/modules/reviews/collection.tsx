import { defineCollection } from "../../http/collections.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { MeetingDates, membersText } from "./pages/parts.js";
import { DefinitionComparison, DefinitionsFilter, Review, ReviewsFilter, SIZE_CLASSES, TOPICS } from "./schema.js";
import { compareDefinitions, listReviews, today } from "./service.js";

function ReviewLink({ review }: { review: Review }) {
  const { lang } = usePage();
  return <a href={`/${lang}/reviews/${review.id}`}>{membersText(review)}</a>;
}

function YesNo({ value }: { value: boolean }) {
  return <>{usePage().t(value ? "reviews.yes" : "reviews.no")}</>;
}

/** Trade Policy Reviews with their MSME references: page, API and downloads. */
export const reviewsCollection = defineCollection({
  api: "/api/v1/reviews",
  tag: "reviews",
  summary: "Trade Policy Reviews and their MSME references (with the MSME definitions used)",
  filters: ReviewsFilter,
  item: Review,
  limit: { default: 100, max: 500 },
  columns: [
    { key: "id", csv: (r) => r.id },
    { key: "members", label: "reviews.members", rowHeader: true, csv: (r) => r.members.map((m) => m.code).join(";"), cell: (r) => <ReviewLink review={r} /> },
    { key: "member_names", csv: (r) => membersText(r) },
    { key: "year", label: "reviews.yearCol", csv: (r) => r.year },
    { key: "meeting_start", label: "reviews.meeting", csv: (r) => r.meetingStart, cell: (r) => <MeetingDates review={r} /> },
    { key: "meeting_end", csv: (r) => r.meetingEnd },
    { key: "cycle", csv: (r) => r.cycle },
    { key: "secretariat_report", csv: (r) => r.documents.secretariatReport },
    { key: "government_report", csv: (r) => r.documents.governmentReport },
    { key: "minutes", csv: (r) => r.documents.minutes },
    { key: "concluding_remarks", csv: (r) => r.documents.concludingRemarks },
    { key: "msme_section", label: "reviews.msmeSection", csv: (r) => (r.msmeSection ? "yes" : "no"), cell: (r) => <YesNo value={r.msmeSection} /> },
    { key: "references", label: "reviews.references", csv: (r) => r.references.length },
    { key: "topics", csv: (r) => [...new Set(r.references.flatMap((x) => x.topics))].join(";") },
    { key: "verified", csv: (r) => (r.verified ? "yes" : "no") },
    { key: "illustrative", csv: (r) => (r.illustrative ? "yes" : "no") },
    { key: "source", csv: (r) => r.source },
  ],
  list: (actor, { db }, filter, page) => listReviews(actor, db, filter, page),
  fileName: () => `tpr-msme-references-${today()}`,
});

export const reviewFilterFields: FilterField[] = [
  { name: "member", type: "text", label: "reviews.member", hint: "reviews.memberHint" },
  { name: "year", type: "text", label: "reviews.year" },
  { name: "topic", type: "select", label: "reviews.topic", any: "reviews.allTopics", options: TOPICS.map((t) => ({ value: t, label: `reviews.topics.${t}` })) },
];

function SizeName({ row }: { row: DefinitionComparison }) {
  return <>{usePage().t(`reviews.sizeClasses.${row.sizeClass}`)}</>;
}

function MemberReview({ row }: { row: DefinitionComparison }) {
  const { lang } = usePage();
  return <a href={`/${lang}/reviews/${row.reviewId}`}>{row.memberName}</a>;
}

/** The MSME definitions across members, a size class per row: the compare view, API and downloads. */
export const definitionsCollection = defineCollection({
  api: "/api/v1/reviews/definitions",
  tag: "reviews",
  summary: "MSME definitions across members: the upper thresholds of employees, turnover and assets per size class",
  filters: DefinitionsFilter,
  item: DefinitionComparison,
  limit: { default: 500, max: 1000 },
  columns: [
    { key: "member", csv: (r) => r.member },
    { key: "member_name", label: "reviews.member", rowHeader: true, csv: (r) => r.memberName, cell: (r) => <MemberReview row={r} /> },
    { key: "year", label: "reviews.yearCol", csv: (r) => r.year },
    { key: "size_class", label: "reviews.sizeClass", csv: (r) => r.sizeClass, cell: (r) => <SizeName row={r} /> },
    { key: "sector", label: "reviews.sector", csv: (r) => r.sector },
    { key: "employees_max", label: "reviews.employees", csv: (r) => r.employeesMax },
    { key: "turnover_max", label: "reviews.turnover", csv: (r) => r.turnoverMax },
    { key: "assets_max", label: "reviews.assets", csv: (r) => r.assetsMax },
    { key: "currency", label: "reviews.currency", csv: (r) => r.currency },
    { key: "illustrative", csv: (r) => (r.illustrative ? "yes" : "no") },
    { key: "verified", csv: (r) => (r.verified ? "yes" : "no") },
    { key: "source_url", csv: (r) => r.sourceUrl },
    { key: "review_id", csv: (r) => r.reviewId },
    { key: "reference_id", csv: (r) => r.referenceId },
  ],
  list: (actor, { db }, filter, page) => compareDefinitions(actor, db, filter, page),
  fileName: () => `msme-definitions-${today()}`,
});

export const definitionFilterFields: FilterField[] = [
  { name: "member", type: "text", label: "reviews.member", hint: "reviews.memberHint" },
  { name: "sizeClass", type: "select", label: "reviews.sizeClass", any: "reviews.allSizes", options: SIZE_CLASSES.map((s) => ({ value: s, label: `reviews.sizeClasses.${s}` })) },
];
