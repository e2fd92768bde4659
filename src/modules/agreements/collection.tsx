import { defineCollection } from "../../http/collections.js";
import { formatDate } from "../../i18n/catalogue.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { AgreementsFilter, AgreementSummary, CATEGORIES, COVERAGES, REGIONS, SORTS, STATUSES, TYPES } from "./schema.js";
import { listAgreements, today } from "./service.js";

function AgreementLink({ agreement }: { agreement: AgreementSummary }) {
  const { lang } = usePage();
  return (
    <a href={`/${lang}/agreements/${agreement.rtaId}`} lang="en">
      {agreement.name}
    </a>
  );
}

function Day({ day }: { day: string | null }) {
  const { lang } = usePage();
  return <>{day ? formatDate(lang, day) : "—"}</>;
}

function Label({ k }: { k: string }) {
  return <>{usePage().t(k)}</>;
}

/** The regional trade agreements of the WTO RTA database: page, API and downloads. */
export const agreementsCollection = defineCollection({
  api: "/api/v1/agreements",
  tag: "agreements",
  summary: "Regional trade agreements (WTO RTA database) with the MSME provisions coded in them",
  filters: AgreementsFilter,
  refine: { check: (f) => f.from === undefined || f.to === undefined || f.from <= f.to, path: ["to"], message: "validation.invalid" },
  item: AgreementSummary,
  limit: { default: 100, max: 500 },
  columns: [
    { key: "rta_id", csv: (a) => a.rtaId },
    { key: "name", label: "agreements.name", rowHeader: true, csv: (a) => a.name, cell: (a) => <AgreementLink agreement={a} /> },
    { key: "status", label: "agreements.statusLabel", csv: (a) => a.status, cell: (a) => <Label k={`agreements.status.${a.status}`} /> },
    { key: "coverage", label: "agreements.coverage", csv: (a) => a.coverage, cell: (a) => (a.coverage ? <Label k={`agreements.coverages.${a.coverage}`} /> : "—") },
    { key: "type", csv: (a) => a.type },
    { key: "signed_on", csv: (a) => a.signedOn },
    { key: "in_force_on", label: "agreements.inForceOn", csv: (a) => a.inForceOn, cell: (a) => <Day day={a.inForceOn} /> },
    { key: "inactive_on", csv: (a) => a.inactiveOn },
    { key: "regions", csv: (a) => a.regions.join("; ") },
    { key: "parties", csv: (a) => a.parties.map((p) => p.code).join("; ") },
    { key: "parties_named", csv: (a) => a.parties.map((p) => p.name).join("; ") },
    {
      key: "msme_categories",
      label: "agreements.msme",
      csv: (a) => a.msmeCategories.join("; "),
      cell: (a) => (a.msmeCategories.length ? <Label k="agreements.msmeCount" /> : "—"),
    },
    { key: "wto_record", csv: (a) => a.wtoRecord },
  ],
  list: (actor, { db }, filter, page) => listAgreements(actor, db, { ...filter, ...page }),
  fileName: () => `wto-rtas-${today()}`,
});

/** The filters the agreements page shows (the language is the page's own). */
export const agreementFilterFields = (parties: { code: string; name: string }[]): FilterField[] => [
  { name: "q", type: "search", label: "agreements.filter.q" },
  { name: "party", type: "select", label: "agreements.filter.party", any: "agreements.filter.anyParty", options: parties.map((p) => ({ value: p.code, label: p.name, raw: true })) },
  { name: "status", type: "select", label: "agreements.statusLabel", any: "agreements.filter.anyStatus", options: STATUSES.map((s) => ({ value: s, label: `agreements.status.${s}` })) },
  { name: "type", type: "select", label: "agreements.type", any: "agreements.filter.anyType", options: TYPES.map((s) => ({ value: s, label: s, raw: true })) },
  { name: "coverage", type: "select", label: "agreements.coverage", any: "agreements.filter.anyCoverage", options: COVERAGES.map((s) => ({ value: s, label: `agreements.coverages.${s}` })) },
  { name: "region", type: "select", label: "agreements.region", any: "agreements.filter.anyRegion", options: REGIONS.map((r) => ({ value: r, label: `agreements.regions.${r.replace(/ /g, "_")}` })) },
  { name: "from", type: "text", label: "agreements.filter.from", hint: "agreements.filter.yearHint" },
  { name: "to", type: "text", label: "agreements.filter.to", hint: "agreements.filter.yearHint" },
  { name: "msme", type: "select", label: "agreements.msme", any: "agreements.filter.anyMsme", options: [{ value: "yes", label: "agreements.filter.msmeYes" }, { value: "no", label: "agreements.filter.msmeNo" }] },
  { name: "category", type: "select", label: "agreements.filter.category", any: "agreements.filter.anyCategory", options: CATEGORIES.map((c) => ({ value: c, label: `agreements.categories.${c}` })) },
  { name: "sort", type: "select", label: "agreements.filter.sort", any: "agreements.filter.sortDefault", options: SORTS.map((s) => ({ value: s, label: `agreements.sorts.${s.replace("-", "desc_")}` })) },
];

export const FILTER_NAMES = ["q", "party", "status", "type", "coverage", "region", "from", "to", "msme", "category", "sort"] as const;
