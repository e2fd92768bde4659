import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { DataTable, Downloads, ErrorSummary, Field, Pagination, Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { REGIONS, type Member } from "../schema.js";

export interface MembersPageProps {
  /** The filter values as the visitor typed them (kept on error). */
  input: { q: string; region: string; date: string };
  problems: FieldProblem[];
  result?: { items: Member[]; total: number; date: string; page: number; pages: number };
  mapSvg?: string;
  query: URLSearchParams;
}

export function JoinedOn({ member }: { member: Member }) {
  const { t, lang } = usePage();
  const m = member.msme;
  if (!m) return <>—</>;
  const day = formatDate(lang, m.joinedOn, m.precision === "month" ? "month" : "day");
  return <>{m.precision === "by" ? t("members.memberBy", { date: day }) : day}</>;
}

export function MembersPage({ input, problems, result, mapSvg, query }: MembersPageProps) {
  const { t, lang } = usePage();
  const download = (kind: "json" | "csv") => {
    const q = new URLSearchParams(query);
    q.delete("page");
    q.set("group", "msme");
    q.set("lang", lang);
    return `/api/v1/members${kind === "csv" ? ".csv" : ""}?${q.toString()}`;
  };
  return (
    <>
      <h1>{t("members.title")}</h1>
      <p class="lede">{t("members.lede")}</p>
      <ErrorSummary problems={problems} />
      <form class="filters" method="get" action={`/${lang}/members`} role="search" aria-label={t("members.filters")}>
        <Field name="q" label={t("members.search")} hint={t("members.searchHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="search" value={input.q} maxLength={100} autoComplete="off" />}
        </Field>
        <Field name="region" label={t("members.region")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("members.allRegions")}</option>
              {REGIONS.map((r) => (
                <option key={r} value={r} selected={input.region === r}>
                  {t(`regions.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="date" label={t("members.date")} hint={t("members.dateHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={input.date} min="2017-12-13" />}
        </Field>
        <button type="submit">{t("members.apply")}</button>
      </form>
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
          {result.items.length === 0 ? (
            <p>{t("members.none")}</p>
          ) : (
            <DataTable
              caption={t("members.tableCaption")}
              rows={result.items}
              rowKey={(m) => m.code}
              columns={[
                { header: t("members.name"), rowHeader: true, cell: (m) => <a href={`/${lang}/members/${m.code}`}>{m.name}</a> },
                { header: t("members.region"), cell: (m) => t(`regions.${m.region}`) },
                { header: t("members.joined"), cell: (m) => <JoinedOn member={m} /> },
                { header: t("members.source"), cell: (m) => (m.msme ? <Source source={m.msme.source} /> : "—") },
              ]}
            />
          )}
          <Pagination page={result.page} pages={result.pages} query={query} />
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
