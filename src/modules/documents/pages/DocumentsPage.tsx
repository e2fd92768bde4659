import type { FieldProblem } from "../../../errors.js";
import { downloadLinks } from "../../../http/collections.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { documentFilterFields, documentsCollection } from "../collection.js";
import type { DocumentSummary } from "../schema.js";

export interface DocumentsPageProps {
  /** The filter values as the visitor typed them (kept on error). */
  input: Record<string, string>;
  problems: FieldProblem[];
  result?: CollectionResult<DocumentSummary>;
  query: URLSearchParams;
}

export function DocumentsPage({ input, problems, result, query }: DocumentsPageProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("documents.title")}</h1>
      <p class="lede">{t("documents.lede")}</p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/documents`}
        label={t("documents.filters")}
        submit={t("documents.apply")}
        fields={documentFilterFields}
        schema={documentsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{result.totalExact === false ? t("documents.countMore", { count: result.total - 1 }) : t("documents.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={input.prefix ? t("documents.tableCaptionBySymbol") : t("documents.tableCaption")}
            columns={documentsCollection.columns}
            result={result}
            rowKey={(d) => d.symbol}
            query={query}
            downloads={downloadLinks(documentsCollection, query, { lang })}
            empty={t("documents.none")}
          />
        </>
      )}
    </>
  );
}
