import { defineCollection } from "../../http/collections.js";
import { usePage } from "../../ui/context.js";
import { IssuedFilter, IssuedRecommendation } from "./schema.js";
import { listIssued, today } from "./service.js";

function TitleLink({ item }: { item: IssuedRecommendation }) {
  const { lang } = usePage();
  return (
    <a href={item.url} lang={item.titleLang === lang ? undefined : item.titleLang}>
      {item.title}
    </a>
  );
}

function SymbolCell({ item }: { item: IssuedRecommendation }) {
  const { t } = usePage();
  return <>{item.symbol ?? t("recommendations.noSymbol")}</>;
}

/** Issued recommendations from traders (INF/MSME/P): page, API and downloads. */
export const recommendationsCollection = defineCollection({
  api: "/api/v1/recommendations",
  tag: "recommendations",
  summary: "Recommendations from traders to the MSME Group, issued in the INF/MSME/P series (issued ones only)",
  filters: IssuedFilter,
  item: IssuedRecommendation,
  columns: [
    { key: "id", csv: (r) => r.id },
    { key: "symbol", label: "recommendations.symbol", csv: (r) => r.symbol, cell: (r) => <SymbolCell item={r} /> },
    { key: "title", label: "recommendations.titleColumn", rowHeader: true, csv: (r) => r.title, cell: (r) => <TitleLink item={r} /> },
    { key: "title_lang", csv: (r) => r.titleLang },
    { key: "organization", label: "recommendations.organization", csv: (r) => r.organization, cell: (r) => <>{r.organization ?? ""}</> },
    { key: "country", csv: (r) => r.country },
    { key: "year", label: "recommendations.year", csv: (r) => r.year, cell: (r) => <>{r.year ?? ""}</> },
    { key: "issued_on", csv: (r) => r.issuedOn },
    { key: "topics", csv: (r) => r.topics.join(" ") },
    { key: "source", csv: (r) => r.source },
    { key: "title_written_by_us", csv: (r) => (r.titleWrittenByUs ? "yes" : "no") },
  ],
  list: (actor, { db }, filter, page) => listIssued(actor, db, { ...filter, ...page }),
  fileName: () => `trade4msmes-recommendations-${today()}`,
});
