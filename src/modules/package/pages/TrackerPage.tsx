import type { FieldProblem } from "../../../errors.js";
import { Downloads, ErrorSummary, Field, Filters } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { ANNEXES, type Annex, STATUSES } from "../schema.js";
import type { Tracker } from "../service.js";
import { CountLine } from "./parts.js";

const REGIONS = ["africa", "americas", "asia", "europe", "oceania"] as const;

export interface TrackerPageProps {
  input: Record<"annex" | "status" | "region" | "member", string>;
  problems: FieldProblem[];
  tracker?: Tracker;
  chartSvg?: string;
  /** The filters as the page's links carry them on. */
  query: URLSearchParams;
}

/** The six annexes and what each asks of members. */
export function AnnexList() {
  const { t } = usePage();
  return (
    <section aria-labelledby="annexes-title">
      <h2 id="annexes-title">{t("package.annexesTitle")}</h2>
      <dl class="annexes">
        {ANNEXES.map((a) => (
          <div key={a} id={`annex-${a}`}>
            <dt>{t("package.annexLabel", { annex: a, title: t(`package.annexes.${a}.title`) })}</dt>
            <dd>{t(`package.annexes.${a}.asks`)}</dd>
          </div>
        ))}
      </dl>
      <p class="meta">{t("package.annexesNote")}</p>
    </section>
  );
}

function TrackerFilters({ input, problems, choices }: Pick<TrackerPageProps, "input" | "problems"> & { choices?: { code: string; name: string }[] }) {
  const { t, lang } = usePage();
  const select = (name: keyof TrackerPageProps["input"], label: string, any: string, options: { value: string; label: string }[]) => (
    <Field name={name} label={label} problems={problems}>
      {(attrs) => (
        <select {...attrs}>
          <option value="">{any}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={input[name] === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <Filters action={`/${lang}/package`} label={t("package.filters")} submit={t("package.apply")}>
      {select("annex", t("package.annex"), t("package.allAnnexes"), ANNEXES.map((a) => ({ value: String(a), label: t("package.annexN", { annex: a }) })))}
      {select("status", t("package.status"), t("package.allStatuses"), STATUSES.map((s) => ({ value: s, label: t(`package.statuses.${s}`) })))}
      {select("region", t("package.region"), t("package.allRegions"), REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) })))}
      {choices ? (
        select("member", t("package.member"), t("package.allMembers"), [
          ...choices.map((c) => ({ value: c.code, label: c.name })),
          // A code typed into the address that is not a member stays visible (and selected).
          ...(input.member && !choices.some((c) => c.code === input.member) ? [{ value: input.member, label: input.member }] : []),
        ])
      ) : (
        <Field name="member" label={t("package.member")} hint={t("package.memberHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.member} maxLength={2} size={4} autoComplete="off" />}
        </Field>
      )}
    </Filters>
  );
}

export function TrackerPage({ input, problems, tracker, chartSvg, query }: TrackerPageProps) {
  const { t, lang } = usePage();
  const annexes = tracker && input.annex && /^[1-6]$/.test(input.annex) ? [Number(input.annex) as Annex] : [...ANNEXES];
  const link = (changes: Record<string, string>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) q.set(k, v);
    return `/${lang}/package?${q}`;
  };
  const api = new URLSearchParams([...query].filter(([k]) => k !== "region"));
  api.set("lang", lang);
  return (
    <>
      <h1>{t("package.title")}</h1>
      <p class="lede">{t("package.lede")}</p>
      <ErrorSummary problems={problems} />
      <TrackerFilters input={input} problems={problems} choices={tracker?.choices} />
      {tracker && (
        <>
          <section aria-labelledby="matrix-title">
            <h2 id="matrix-title">{t("package.matrixTitle")}</h2>
            <p aria-live="polite">
              <strong>{t("package.rows", { count: tracker.rows.length, members: tracker.members })}</strong>
            </p>
            <div class="table-wrap">
              <table class="matrix">
                <caption>{t("package.matrixCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("package.member")}</th>
                    {annexes.map((a) => (
                      <th scope="col" key={a}>
                        <a href={`#annex-${a}`}>{t("package.annexN", { annex: a })}</a>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {tracker.rows.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">
                        <a href={`/${lang}/package/${row.code}`}>{row.name}</a>
                      </th>
                      {annexes.map((a) => {
                        const cell = row.cells[a];
                        return (
                          <td key={a} class={cell ? `status-${cell.status}` : "status-none"} data-annex={a}>
                            {cell ? t(`package.statuses.${cell.status}`) : <span title={t("package.noRecord")}>—</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Downloads
              links={[
                { href: `/api/v1/package/implementation.csv?${api}`, label: t("list.csv") },
                { href: `/api/v1/package/implementation.json?${api}`, label: t("list.json") },
              ]}
            />
          </section>
          <section aria-labelledby="totals-title">
            <h2 id="totals-title">{t("package.totalsTitle")}</h2>
            <div class="table-wrap">
              <table class="totals">
                <caption>{t("package.totalsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("package.annex")}</th>
                    {STATUSES.map((s) => (
                      <th scope="col" key={s}>
                        {t(`package.statuses.${s}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {annexes.map((a) => (
                    <tr key={a}>
                      <th scope="row">{t("package.annexN", { annex: a })}</th>
                      {STATUSES.map((s) => (
                        <td key={s} data-status={s}>
                          {tracker.totals[a][s]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="map-heading">
            <h2 id="map-heading">{t("package.mapHeading", { annex: tracker.map.annex, title: t(`package.annexes.${tracker.map.annex}.title`) })}</h2>
            <figure class="map">
              {/* Built by the members module's renderer, which escapes every name it writes. */}
              <div dangerouslySetInnerHTML={{ __html: tracker.map.svg }} />
            </figure>
            <p>
              {t("package.mapOtherAnnexes")}{" "}
              {ANNEXES.filter((a) => a !== tracker.map.annex).map((a, i) => (
                <span key={a}>
                  {i > 0 ? " · " : ""}
                  <a href={`${link({ annex: String(a) })}#map-heading`}>{t("package.annexN", { annex: a })}</a>
                </span>
              ))}
            </p>
          </section>
          <section aria-labelledby="progress-title">
            <h2 id="progress-title">{t("package.progressTitle")}</h2>
            {chartSvg && <div class="chart" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
            <div class="table-wrap">
              <table class="progress">
                <caption>{t("package.progressCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("package.quarter")}</th>
                    {annexes.map((a) => (
                      <th scope="col" key={a}>
                        {t("package.annexN", { annex: a })}
                      </th>
                    ))}
                    <th scope="col">{t("package.total")}</th>
                  </tr>
                </thead>
                <tbody>
                  {tracker.progress.map((p) => (
                    <tr key={p.quarter}>
                      <th scope="row">{p.quarter}</th>
                      {annexes.map((a) => (
                        <td key={a}>{p.byAnnex[a]}</td>
                      ))}
                      <td data-total>{annexes.reduce((n, a) => n + p.byAnnex[a], 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {tracker.counts.length > 0 && (
            <section aria-labelledby="counts-title">
              <h2 id="counts-title">{t("package.countsTitle")}</h2>
              <p>{t("package.countsLede")}</p>
              <ul class="counts">
                {tracker.counts.map((c) => (
                  <CountLine key={`${c.annex}-${c.measure}-${c.asOf}`} count={c} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <AnnexList />
    </>
  );
}
