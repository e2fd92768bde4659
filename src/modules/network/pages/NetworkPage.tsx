import { downloadLinks } from "../../../http/collections.js";
import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { organizationFilterFields, organizationsCollection } from "../collection.js";
import { NETWORK_LAUNCHED_ON, type OrganizationWithUpkeep } from "../schema.js";
import type { PlatformPartner } from "../partners.js";

export interface NetworkPageProps {
  /** The filter values as the visitor typed them (kept on error). */
  input: Record<string, string>;
  problems: FieldProblem[];
  /** How many organizations take part in the Network, whatever the filters. */
  size: number;
  result?: CollectionResult<OrganizationWithUpkeep>;
  query: URLSearchParams;
  /** The platform's partners that are not participants, shown apart (participation, issue 12). */
  partners?: readonly PlatformPartner[];
}

export function NetworkPage({ input, problems, size, result, query, partners = [] }: NetworkPageProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("network.title")}</h1>
      <p class="lede">{t("network.lede", { date: formatDate(lang, NETWORK_LAUNCHED_ON), count: size })}</p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/network`}
        label={t("network.filters")}
        submit={t("network.apply")}
        fields={organizationFilterFields}
        schema={organizationsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("network.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={t("network.tableCaption")}
            columns={organizationsCollection.columns}
            result={result}
            rowKey={(o) => o.slug}
            query={query}
            downloads={downloadLinks(organizationsCollection, query, { lang })}
            empty={t("network.none")}
          />
        </>
      )}
      {partners.length > 0 && (
        <section aria-labelledby="platform-partners-title">
          <h2 id="platform-partners-title">{t("network.partners.title")}</h2>
          <p>{t("network.partners.lede")}</p>
          <ul>
            {partners.map((p) => (
              <li key={p.slug}>
                <strong>{p.name}</strong>: {t(`network.partners.roles.${p.role}`)}
                {p.sinceYear ? ` (${p.sinceYear})` : ""} <span class="meta">{t("network.source")}: {p.source}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
