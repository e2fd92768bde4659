import { downloadLinks } from "../../../http/collections.js";
import type { FieldProblem } from "../../../errors.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { auditCollection, auditFilterFields } from "../collection.js";
import type { AuditEntry } from "../schema.js";

export function AuditLogPage({ input, problems, entities, query, result }: {
  /** The filters as the person typed them (kept when something is wrong). */
  input: Record<string, string>;
  problems: FieldProblem[];
  /** The kinds of record present in the log. */
  entities: string[];
  query: URLSearchParams;
  /** Absent when the filters could not be read. */
  result?: CollectionResult<AuditEntry>;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p class="lede">{t("audit.lede")}</p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/admin/audit`}
        label={t("audit.filters")}
        submit={t("audit.apply")}
        fields={auditFilterFields(entities)}
        schema={auditCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">{t("audit.count", { count: result.total })}</p>
          <CollectionTable
            caption={t("audit.caption")}
            columns={auditCollection.columns}
            result={result}
            rowKey={(e) => String(e.id)}
            query={query}
            downloads={downloadLinks(auditCollection, query)}
            empty={t("audit.none")}
          />
        </>
      )}
    </>
  );
}
