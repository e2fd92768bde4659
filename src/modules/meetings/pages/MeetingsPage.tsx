import type { FieldProblem } from "../../../errors.js";
import { downloadLinks } from "../../../http/collections.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { meetingFilterFields, meetingsCollection } from "../collection.js";
import type { Meeting } from "../schema.js";

export interface MeetingsPageProps {
  input: Record<string, string>;
  problems: FieldProblem[];
  result?: CollectionResult<Meeting>;
  query: URLSearchParams;
  /** The years with meetings, newest first. */
  years: number[];
  year?: number;
}

export function MeetingsPage({ input, problems, result, query, years, year }: MeetingsPageProps) {
  const { t, lang } = usePage();
  const kind = input.kind ? `&kind=${encodeURIComponent(input.kind)}` : "";
  return (
    <>
      <h1>{year ? t("meetings.titleYear", { year }) : t("meetings.title")}</h1>
      <p class="lede">{t("meetings.lede")}</p>
      {years.length > 0 && (
        <nav aria-label={t("meetings.years")}>
          <ul class="inline">
            <li>{year ? <a href={`/${lang}/meetings${kind ? `?${kind.slice(1)}` : ""}`}>{t("meetings.allYears")}</a> : <strong aria-current="page">{t("meetings.allYears")}</strong>}</li>
            {years.map((y) => (
              <li key={y}>
                {y === year ? (
                  <strong aria-current="page">{y}</strong>
                ) : (
                  <a href={`/${lang}/meetings?year=${y}${kind}`}>{y}</a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/meetings`}
        label={t("meetings.filters")}
        submit={t("meetings.apply")}
        fields={meetingFilterFields(years)}
        schema={meetingsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("meetings.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={year ? t("meetings.titleYear", { year }) : t("meetings.title")}
            columns={meetingsCollection.columns}
            result={result}
            rowKey={(m) => String(m.id)}
            query={query}
            downloads={downloadLinks(meetingsCollection, query, { lang })}
            empty={t("meetings.none")}
          />
        </>
      )}
      <p>
        <a href={`/${lang}/meetings.ics`}>{t("meetings.calendar")}</a> · <a href={`/${lang}/reports/annual/${year ?? years[0] ?? new Date().getUTCFullYear()}`}>{t("meetings.annualReport")}</a>
      </p>
    </>
  );
}
