import { defineCollection } from "../../http/collections.js";
import { usePage } from "../../ui/context.js";
import { ImplementationFilter, ImplementationItem } from "./schema.js";
import { listImplementation, today } from "./service.js";

function MemberLink({ item }: { item: ImplementationItem }) {
  const { lang } = usePage();
  return <a href={`/${lang}/package/${item.member}`}>{item.memberName}</a>;
}

function StatusName({ item }: { item: ImplementationItem }) {
  return <>{usePage().t(`package.statuses.${item.status}`)}</>;
}

/** The confirmed implementation records of the 2020 MSME Package: API and downloads. */
export const implementationCollection = defineCollection({
  api: "/api/v1/package/implementation",
  tag: "package",
  summary: "Implementation of the 2020 MSME Package (INF/MSME/4/Rev.2), member by member and annex by annex: confirmed records",
  filters: ImplementationFilter,
  item: ImplementationItem,
  limit: { default: 100, max: 500 },
  columns: [
    { key: "id", csv: (r) => r.id },
    { key: "member", csv: (r) => r.member },
    { key: "member_name", label: "package.member", rowHeader: true, csv: (r) => r.memberName, cell: (r) => <MemberLink item={r} /> },
    { key: "annex", label: "package.annex", csv: (r) => r.annex },
    { key: "status", label: "package.status", csv: (r) => r.status, cell: (r) => <StatusName item={r} /> },
    { key: "date", label: "package.date", csv: (r) => r.date },
    { key: "date_precision", csv: (r) => r.datePrecision },
    { key: "evidence_document", csv: (r) => r.evidence.document },
    { key: "evidence_tpr", csv: (r) => r.evidence.tpr },
    { key: "evidence_url", csv: (r) => r.evidence.url },
    { key: "meeting_date", csv: (r) => r.evidence.meeting?.date },
    { key: "meeting_symbol", csv: (r) => r.evidence.meeting?.symbol },
    { key: "source", csv: (r) => r.source },
    { key: "reported_by", csv: (r) => r.reportedBy },
    { key: "reported_on", csv: (r) => r.reportedOn },
    { key: "verified_by", csv: (r) => r.verifiedBy },
    { key: "verified_on", csv: (r) => r.verifiedOn },
    { key: "confirmed_by", csv: (r) => r.confirmedBy },
    { key: "confirmed_on", csv: (r) => r.confirmedOn },
  ],
  list: (actor, { db }, filter, page) => listImplementation(actor, db, filter, page),
  fileName: () => `msme-package-implementation-${today()}`,
});
