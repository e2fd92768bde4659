import { defineCollection } from "../../http/collections.js";
import { formatDate } from "../../i18n/catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import type { FilterField } from "../../ui/collection.js";
import { usePage } from "../../ui/context.js";
import { DocumentLink, DocumentTitle } from "./pages/parts.js";
import { DOCUMENT_KINDS, DocumentsFilter, DocumentSummary } from "./schema.js";
import { listDocuments, streamDocuments, today } from "./service.js";

function KindName({ kind }: { kind: DocumentSummary["kind"] }) {
  return <>{usePage().t(`documents.kinds.${kind}`)}</>;
}

function DateCell({ date }: { date: string | null }) {
  const { lang } = usePage();
  return <>{date ? <time dateTime={date}>{formatDate(lang, date)}</time> : "—"}</>;
}

/** The registry of documents: page, API and downloads. */
export const documentsCollection = defineCollection({
  api: "/api/v1/documents",
  tag: "documents",
  summary: "The registry of WTO documents of the MSME Group (restricted ones only for the Secretariat)",
  filters: DocumentsFilter,
  item: DocumentSummary,
  columns: [
    { key: "symbol", label: "documents.symbol", rowHeader: true, csv: (d) => d.symbol, cell: (d) => <DocumentLink symbol={d.symbol} /> },
    { key: "title", label: "documents.titleColumn", csv: (d) => d.title, cell: (d) => <DocumentTitle document={d} /> },
    { key: "title_lang", csv: (d) => d.titleLang },
    { key: "title_verified", csv: (d) => (d.titleVerified ? "yes" : "no") },
    ...LANGS.map((lang) => ({ key: `title_status_${lang}`, csv: (d: DocumentSummary) => d.translations[lang].status })),
    { key: "kind", label: "documents.kind", csv: (d) => d.kind, cell: (d) => <KindName kind={d.kind} /> },
    { key: "date", label: "documents.date", csv: (d) => d.date, cell: (d) => <DateCell date={d.date} /> },
    { key: "revises", csv: (d) => d.revises },
    { key: "restriction", csv: (d) => d.restriction },
    { key: "restricted_until", csv: (d) => d.restrictedUntil },
    { key: "languages", csv: (d) => d.languages.join(" ") },
    { key: "source", csv: (d) => d.source },
    { key: "verified_on", csv: (d) => d.verifiedOn },
    { key: "verified_by", csv: (d) => d.verifiedBy },
  ],
  list: (actor, { db }, filter, page) => listDocuments(actor, db, { ...filter, ...page }),
  stream: (actor, { db }, filter) => streamDocuments(actor, db, filter),
  fileName: () => `trade4msmes-documents-${today()}`,
});

export const documentFilterFields: FilterField[] = [
  { name: "prefix", type: "text", label: "documents.prefix", hint: "documents.prefixHint" },
  { name: "q", type: "search", label: "documents.q", hint: "documents.qHint" },
  { name: "kind", type: "select", label: "documents.kind", any: "documents.allKinds", options: DOCUMENT_KINDS.map((k) => ({ value: k, label: `documents.kinds.${k}` })) },
  { name: "year", type: "text", label: "documents.year", hint: "documents.yearHint" },
];
