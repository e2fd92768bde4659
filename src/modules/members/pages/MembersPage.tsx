import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { downloadLinks } from "../../../http/collections.js";
import { CollectionFilters, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { membersCollection, memberFilterFields } from "../collection.js";
import type { Member } from "../schema.js";

export interface MembersPageProps {
  /** The filter values as the visitor typed them (kept on error). */
  input: Record<string, string>;
  problems: FieldProblem[];
  result?: { items: Member[]; total: number; date: string; page: number; pages: number };
  mapSvg?: string;
  query: URLSearchParams;
}

export function MembersPage({ input, problems, result, mapSvg, query }: MembersPageProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("members.title")}</h1>
      <p class="lede">{t("members.lede")}</p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/members`}
        label={t("members.filters")}
        submit={t("members.apply")}
        fields={memberFilterFields}
        schema={membersCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("members.count", { count: result.total, date: formatDate(lang, result.date) })}</strong>
          </p>
          {mapSvg && (
            <figure class="map">
              {/* The SVG is built by our own renderer, which escapes every name it writes. */}
              <div dangerouslySetInnerHTML={{ __html: mapSvg }} />
              <figcaption>
                <ul class="legend">
                  <li>
                    <span aria-hidden="true" class="swatch-member" />
                    {t("members.legendMember")}
                  </li>
                  <li>
                    <span aria-hidden="true" class="swatch-land" />
                    {t("members.legendOther")}
                  </li>
                </ul>
              </figcaption>
            </figure>
          )}
          <CollectionTable
            caption={t("members.tableCaption")}
            columns={membersCollection.columns}
            result={result}
            rowKey={(m) => m.code}
            query={query}
            downloads={downloadLinks(membersCollection, query, { group: "msme", lang })}
            empty={t("members.none")}
          />
        </>
      )}
    </>
  );
}
