import type { FieldProblem } from "../../../errors.js";
import { downloadLinks } from "../../../http/collections.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { CollectionFilters, CollectionTable } from "../../../ui/collection.js";
import { DataTable, ErrorSummary, Field, Filters, History, type HistoryEntry, Source, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { SERIES_COLOURS } from "../chart.js";
import { agreementFilterFields, agreementsCollection } from "../collection.js";
import type { AgreementDetail, AgreementSummary, BetweenResult, Category, Provision } from "../schema.js";

type Choice = { code: string; name: string };

function Swatch({ colour }: { colour: string }) {
  return (
    <svg width="12" height="12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" fill={colour} />
    </svg>
  );
}

/** The form asking which agreements bind two economies or blocs on a day. */
function BetweenForm({ choices, input, problems = [] }: { choices: Choice[]; input: Record<string, string>; problems?: FieldProblem[] }) {
  const { t, lang } = usePage();
  const select = (name: "a" | "b", label: string) => (
    <SelectField
      name={name}
      label={label}
      problems={problems}
      empty={t("agreements.between.choose")}
      choices={choices.map((c) => ({ value: c.code, label: c.name }))}
      value={input[name]}
    />
  );
  return (
    <Filters action={`/${lang}/agreements/between`} label={t("agreements.between.title")} submit={t("agreements.between.submit")}>
      {select("a", t("agreements.between.a"))}
      {select("b", t("agreements.between.b"))}
      <Field name="date" label={t("agreements.between.date")} hint={t("agreements.between.dateHint")} problems={problems}>
        {(attrs) => <input {...attrs} type="date" value={input.date ?? ""} />}
      </Field>
    </Filters>
  );
}

export interface AgreementsPageProps {
  input: Record<string, string>;
  problems: FieldProblem[];
  query: URLSearchParams;
  parties: Choice[];
  result?: { items: AgreementSummary[]; total: number; page: number; pages: number };
  chart?: { svg: string; years: { year: number; withMsme: number; withoutMsme: number }[] };
}

export function AgreementsPage({ input, problems, query, parties, result, chart }: AgreementsPageProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("agreements.title")}</h1>
      <p class="lede">{t("agreements.lede")}</p>
      <p>
        <a href={`/${lang}/agreements/between`}>{t("agreements.between.link")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/agreements`}
        label={t("agreements.filters")}
        submit={t("agreements.apply")}
        fields={agreementFilterFields(parties)}
        schema={agreementsCollection.filters}
        input={input}
        problems={problems}
      />
      {chart && (
        <figure class="chart">
          {/* Our own renderer writes this SVG and escapes every text in it. */}
          <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
          <figcaption>
            <ul class="legend">
              <li>
                <Swatch colour={SERIES_COLOURS.withMsme} /> {t("agreements.chart.withMsme")}
              </li>
              <li>
                <Swatch colour={SERIES_COLOURS.withoutMsme} /> {t("agreements.chart.withoutMsme")}
              </li>
            </ul>
            <details>
              <summary>{t("agreements.chart.table")}</summary>
              <DataTable
                caption={t("agreements.chart.title")}
                rows={chart.years.filter((y) => y.withMsme + y.withoutMsme > 0)}
                rowKey={(y) => String(y.year)}
                columns={[
                  { header: t("agreements.chart.year"), rowHeader: true, cell: (y) => String(y.year) },
                  { header: t("agreements.chart.withMsme"), cell: (y) => String(y.withMsme) },
                  { header: t("agreements.chart.withoutMsme"), cell: (y) => String(y.withoutMsme) },
                ]}
              />
            </details>
          </figcaption>
        </figure>
      )}
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("agreements.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={t("agreements.tableCaption")}
            columns={agreementsCollection.columns}
            result={result}
            rowKey={(a) => String(a.rtaId)}
            query={query}
            downloads={downloadLinks(agreementsCollection, query, { lang })}
            empty={t("agreements.none")}
          />
        </>
      )}
      <Filters action={`/${lang}/agreements/compare`} label={t("agreements.compare.title")} submit={t("agreements.compare.submit")}>
        <Field name="ids" label={t("agreements.compare.ids")} hint={t("agreements.compare.idsHint")}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" maxLength={60} value="" />}
        </Field>
      </Filters>
    </>
  );
}

function ProvisionItem({ p }: { p: Provision }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <strong>{t(`agreements.categories.${p.category}`)}</strong> — <span lang="en">{p.chapter}</span>
        {p.articles && (
          <>
            , {t("agreements.articles")} <span lang="en">{p.articles}</span>
          </>
        )}
        {!p.articlesVerified && <> ({t("agreements.articlesNotVerified")})</>}
      </p>
      <p>{p.summary}</p>
      <p class="meta">
        {t("agreements.source")}: <Source source={p.source} />
        {" · "}
        {p.verifiedOn ? t("agreements.lastVerified", { date: formatDate(lang, p.verifiedOn), who: p.verifiedBy ?? "—" }) : t("agreements.notVerified")}
      </p>
    </>
  );
}

function Provisions({ provisions }: { provisions: Provision[] }) {
  const { t } = usePage();
  if (!provisions.length) return <p>{t("agreements.noProvisions")}</p>;
  return (
    <ul class="provisions">
      {provisions.map((p) => (
        <li key={p.id}>
          <ProvisionItem p={p} />
        </li>
      ))}
    </ul>
  );
}

function PartyList({ parties, title, id }: { parties: AgreementDetail["currentParties"]; title: string; id: string }) {
  const { t, lang } = usePage();
  if (!parties.length) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {parties.map((p) => (
          <li key={p.code}>
            {p.kind === "economy" && p.code.length === 2 ? <a href={`/${lang}/members/${p.code}`}>{p.name}</a> : p.name}
            {p.kind === "bloc" && p.members.length > 0 && (
              <>
                {" "}
                ({t("agreements.blocMembers", { count: p.members.length })}: {p.members.map((m) => m.name).join(", ")})
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AgreementPage({ agreement, history, mapSvg }: { agreement: AgreementDetail; history: { entries: HistoryEntry[]; page: number; pages: number }; mapSvg?: string }) {
  const { t, lang } = usePage();
  const day = (d: string | null) => (d ? formatDate(lang, d) : "—");
  const a = agreement;
  return (
    <>
      <p>
        <a href={`/${lang}/agreements`}>{t("agreements.backToList")}</a>
      </p>
      <h1 lang="en">{a.name}</h1>
      <dl class="facts">
        <dt>{t("agreements.rtaId")}</dt>
        <dd>{a.rtaId}</dd>
        <dt>{t("agreements.statusLabel")}</dt>
        <dd>
          {t(`agreements.status.${a.status}`)}
          {a.inactiveOn && <> ({t("agreements.inactiveSince", { date: day(a.inactiveOn) })})</>}
        </dd>
        <dt>{t("agreements.coverage")}</dt>
        <dd>{a.coverage ? t(`agreements.coverages.${a.coverage}`) : "—"}</dd>
        <dt>{t("agreements.type")}</dt>
        <dd>{a.type ?? "—"}</dd>
        <dt>{t("agreements.notification")}</dt>
        <dd lang="en">{a.notification ?? "—"}</dd>
        <dt>{t("agreements.composition")}</dt>
        <dd lang="en">{a.composition ?? "—"}</dd>
        <dt>{t("agreements.region")}</dt>
        <dd>{a.regions.map((r) => t(`agreements.regions.${r.replace(/ /g, "_")}`)).join(", ") || "—"}</dd>
        <dt>{t("agreements.accession")}</dt>
        <dd>{a.accession ? t("agreements.yes") : t("agreements.no")}</dd>
      </dl>
      <DataTable
        caption={t("agreements.dates")}
        rows={[
          { key: "signed", label: t("agreements.signedOn"), goods: a.dates.signedGoods, services: a.dates.signedServices },
          { key: "notified", label: t("agreements.notifiedOn"), goods: a.dates.notifiedGoods, services: a.dates.notifiedServices },
          { key: "inForce", label: t("agreements.inForceOn"), goods: a.dates.inForceGoods, services: a.dates.inForceServices },
        ]}
        rowKey={(r) => r.key}
        columns={[
          { header: t("agreements.date"), rowHeader: true, cell: (r) => r.label },
          { header: t("agreements.goods"), cell: (r) => day(r.goods) },
          { header: t("agreements.services"), cell: (r) => day(r.services) },
        ]}
      />
      {mapSvg && (
        <figure class="map">
          {/* The members module's renderer writes this SVG and escapes every name in it. */}
          <div dangerouslySetInnerHTML={{ __html: mapSvg }} />
          <figcaption>{t("agreements.map.caption")}</figcaption>
        </figure>
      )}
      <PartyList parties={a.currentParties} title={t("agreements.currentParties")} id="current-parties" />
      <PartyList parties={a.originalParties} title={t("agreements.originalParties")} id="original-parties" />
      {a.memberDates.length > 0 && (
        <DataTable
          caption={t("agreements.memberDates")}
          rows={a.memberDates}
          rowKey={(d) => d.code}
          columns={[
            { header: t("agreements.party"), rowHeader: true, cell: (d) => d.name },
            { header: t("agreements.entry"), cell: (d) => (d.pending ? t("agreements.pending") : day(d.entryOn)) },
            { header: t("agreements.lastDay"), cell: (d) => day(d.lastDay) },
          ]}
        />
      )}
      <section aria-labelledby="provisions-title">
        <h2 id="provisions-title">{t("agreements.provisions")}</h2>
        <Provisions provisions={a.provisions} />
      </section>
      {a.remarks && (
        <section aria-labelledby="remarks-title">
          <h2 id="remarks-title">{t("agreements.remarks")}</h2>
          <p lang="en" class="pre">
            {a.remarks}
          </p>
        </section>
      )}
      {a.changes.length > 0 && (
        <DataTable
          caption={t("agreements.changes")}
          rows={a.changes.map((c, i) => ({ ...c, i }))}
          rowKey={(c) => String(c.i)}
          columns={[
            { header: t("agreements.notifiedOn"), rowHeader: true, cell: (c) => day(c.notifiedOn) },
            { header: t("agreements.inForceOn"), cell: (c) => day(c.inForceOn) },
            { header: t("agreements.coverage"), cell: (c) => (c.affects ? t(`agreements.coverages.${c.affects}`) : "—") },
            { header: t("agreements.remarks"), cell: (c) => <span lang="en">{c.remarks ?? "—"}</span> },
          ]}
        />
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        <History entries={history.entries} paging={history} />
      </section>
      <p class="meta">
        <a href={a.wtoRecord}>{t("agreements.wtoRecord")}</a>
        {" · "}
        <a href={`/api/v1/agreements/${a.rtaId}?lang=${lang}`}>{t("list.json")}</a>
        {" · "}
        {t("agreements.source")}: <span lang="en">{a.source}</span>
      </p>
    </>
  );
}

export function BetweenPage({ choices, input, problems, result }: { choices: Choice[]; input: Record<string, string>; problems: FieldProblem[]; result?: BetweenResult }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/agreements`}>{t("agreements.backToList")}</a>
      </p>
      <h1>{t("agreements.between.title")}</h1>
      <p class="lede">{t("agreements.between.lede")}</p>
      <ErrorSummary problems={problems} />
      <BetweenForm choices={choices} input={input} problems={problems} />
      {result && (
        <>
          <p aria-live="polite">
            <strong>
              {t("agreements.between.count", { count: result.items.length, a: result.a.name, b: result.b.name, date: formatDate(lang, result.date) })}
            </strong>
          </p>
          {result.items.length === 0 ? (
            <p>{t("agreements.between.none")}</p>
          ) : (
            <ul class="between">
              {result.items.map((item) => (
                <li key={item.rtaId}>
                  <h2>
                    <a href={`/${lang}/agreements/${item.rtaId}`} lang="en">
                      {item.name}
                    </a>
                  </h2>
                  <p>
                    {t(`agreements.between.status.${item.status}`)}
                    {item.status !== item.overallStatus && <> · {t("agreements.between.overall", { status: t(`agreements.status.${item.overallStatus}`) })}</>}
                    {item.inForceOn && <> · {t("agreements.inForceOn")}: {formatDate(lang, item.inForceOn)}</>}
                  </p>
                  <Provisions provisions={item.provisions} />
                </li>
              ))}
            </ul>
          )}
          <p class="meta">
            <a href={`/api/v1/agreements/between?a=${result.a.code}&b=${result.b.code}&date=${result.date}&lang=${lang}`}>{t("list.json")}</a>
          </p>
        </>
      )}
    </>
  );
}

export function ComparePage({ agreements, categories, problems, input }: { agreements: AgreementDetail[]; categories: readonly Category[]; problems: FieldProblem[]; input: Record<string, string> }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/agreements`}>{t("agreements.backToList")}</a>
      </p>
      <h1>{t("agreements.compare.title")}</h1>
      <ErrorSummary problems={problems} />
      <Filters action={`/${lang}/agreements/compare`} label={t("agreements.compare.title")} submit={t("agreements.compare.submit")}>
        <Field name="ids" label={t("agreements.compare.ids")} hint={t("agreements.compare.idsHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" maxLength={60} value={input.ids ?? ""} />}
        </Field>
      </Filters>
      {agreements.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t("agreements.compare.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agreements.filter.category")}</th>
                {agreements.map((a) => (
                  <th scope="col" key={a.rtaId}>
                    <a href={`/${lang}/agreements/${a.rtaId}`} lang="en">
                      {a.name}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`agreements.categories.${c}`)}</th>
                  {agreements.map((a) => {
                    const found = a.provisions.filter((p) => p.category === c);
                    return (
                      <td key={a.rtaId}>
                        {found.length
                          ? found.map((p) => (
                              <p key={p.id}>
                                <span lang="en">
                                  {p.chapter}
                                  {p.articles ? `, ${p.articles}` : ""}
                                </span>
                                : {p.summary}
                              </p>
                            ))
                          : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
