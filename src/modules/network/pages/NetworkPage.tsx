import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { DataTable, Downloads, ErrorSummary, Field, Filters } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { NETWORK_LAUNCHED_ON, ORGANIZATION_KINDS, type Organization } from "../schema.js";

export interface NetworkPageProps {
  /** The filter values as the visitor typed them (kept on error). */
  input: { q: string; kind: string };
  problems: FieldProblem[];
  /** How many organizations take part in the Network, whatever the filters. */
  size: number;
  result?: { items: Organization[]; total: number };
  query: URLSearchParams;
}

/** "last verified on 3 March 2026 by Ana Pérez", or "not yet verified". */
export function LastVerified({ organization }: { organization: Pick<Organization, "verifiedOn" | "verifiedBy"> }) {
  const { t, lang } = usePage();
  if (!organization.verifiedOn) return <>{t("network.notVerified")}</>;
  return <>{t("network.verifiedOnBy", { date: formatDate(lang, organization.verifiedOn), who: organization.verifiedBy ?? "" })}</>;
}

/** The website's host name, linking to the site. */
export function Website({ url }: { url: string }) {
  let host = url;
  try {
    host = new URL(url).host.replace(/^www\./, "");
  } catch {
    // keep the address as it is
  }
  return <a href={url}>{host}</a>;
}

export function NetworkPage({ input, problems, size, result, query }: NetworkPageProps) {
  const { t, lang } = usePage();
  const download = (kind: "json" | "csv") => {
    const q = new URLSearchParams(query);
    q.set("lang", lang);
    return `/api/v1/organizations${kind === "csv" ? ".csv" : ""}?${q.toString()}`;
  };
  return (
    <>
      <h1>{t("network.title")}</h1>
      <p class="lede">{t("network.lede", { date: formatDate(lang, NETWORK_LAUNCHED_ON), count: size })}</p>
      <ErrorSummary problems={problems} />
      <Filters action={`/${lang}/network`} label={t("network.filters")} submit={t("network.apply")}>
        <Field name="q" label={t("network.search")} hint={t("network.searchHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="search" value={input.q} maxLength={100} autoComplete="off" />}
        </Field>
        <Field name="kind" label={t("network.kind")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("network.allKinds")}</option>
              {ORGANIZATION_KINDS.map((k) => (
                <option key={k} value={k} selected={input.kind === k}>
                  {t(`network.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Filters>
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("network.count", { count: result.total })}</strong>
          </p>
          {result.items.length === 0 ? (
            <p>{t("network.none")}</p>
          ) : (
            <DataTable
              caption={t("network.tableCaption")}
              rows={result.items}
              rowKey={(o) => o.slug}
              columns={[
                { header: t("network.name"), rowHeader: true, cell: (o) => <a href={`/${lang}/network/${o.slug}`}>{o.name}</a> },
                { header: t("network.acronym"), cell: (o) => (o.acronym === o.name ? "—" : <abbr title={o.name}>{o.acronym}</abbr>) },
                { header: t("network.kind"), cell: (o) => t(`network.kinds.${o.kind}`) },
                { header: t("network.website"), cell: (o) => <Website url={o.website} /> },
                { header: t("network.verification"), cell: (o) => <LastVerified organization={o} /> },
              ]}
            />
          )}
          <Downloads
            links={[
              { href: download("csv"), label: t("list.csv") },
              { href: download("json"), label: t("list.json") },
            ]}
          />
        </>
      )}
    </>
  );
}
