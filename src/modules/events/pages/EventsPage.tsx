import { downloadLinks } from "../../../http/collections.js";
import type { FieldProblem } from "../../../errors.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { eventFilterFields, eventsCollection } from "../collection.js";
import type { Event } from "../schema.js";

export function EventsPage({ input, problems, result, query }: { input: Record<string, string>; problems: FieldProblem[]; result?: CollectionResult<Event>; query: URLSearchParams }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("events.title")}</h1>
      <p class="lede">{t("events.lede")}</p>
      <p>
        <a href={`/${lang}/events.ics`}>{t("events.subscribe")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/events`}
        label={t("events.filters")}
        submit={t("events.apply")}
        fields={eventFilterFields}
        schema={eventsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("events.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={t("events.tableCaption")}
            columns={eventsCollection.columns}
            result={result}
            rowKey={(e) => e.id}
            query={query}
            downloads={downloadLinks(eventsCollection, query, { lang })}
            empty={t("events.none")}
          />
        </>
      )}
    </>
  );
}
