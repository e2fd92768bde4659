import { Fragment } from "preact";
import type { RelatedSection } from "../../../module.js";
import type { FieldProblem } from "../../../errors.js";
import { RelatedSections } from "../../../ui/related.js";
import { downloadLinks } from "../../../http/collections.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary, Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { Mentions } from "../../../ui/mentions.js";
import { definitionFilterFields, definitionsCollection, reviewFilterFields, reviewsCollection } from "../collection.js";
import type { DefinitionComparison, Reference, Review, ReviewDetail } from "../schema.js";
import { DefinitionTable, type DocumentTitles, MeetingDates, membersText, SymbolLink } from "./parts.js";

export function ReviewsPage({ input, problems, result, query }: { input: Record<string, string>; problems: FieldProblem[]; result?: CollectionResult<Review>; query: URLSearchParams }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("reviews.title")}</h1>
      <p class="lede">{t("reviews.lede")}</p>
      <p>
        <a href={`/${lang}/reviews/definitions`}>{t("reviews.compareLink")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/reviews`}
        label={t("reviews.filters")}
        submit={t("reviews.apply")}
        fields={reviewFilterFields}
        schema={reviewsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("reviews.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={t("reviews.tableCaption")}
            columns={reviewsCollection.columns}
            result={result}
            rowKey={(r) => String(r.id)}
            query={query}
            downloads={downloadLinks(reviewsCollection, query, { lang })}
            empty={t("reviews.none")}
          />
        </>
      )}
    </>
  );
}

function ReferenceItem({ reference }: { reference: Reference }) {
  const { t } = usePage();
  const r = reference;
  return (
    <article class="reference" id={`reference-${r.id}`} aria-labelledby={`reference-${r.id}-title`}>
      <h3 id={`reference-${r.id}-title`}>
        {t(`reviews.reportTypes.${r.reportType}`)}
        {r.location ? `, ${r.location}` : ""}
      </h3>
      <p lang="en">{r.summary}</p>
      <p class="meta">
        {t("reviews.writtenByUs")}
        {r.illustrative && <> {t("reviews.illustrativeReference")}</>}
        {!r.verified && <> {t("reviews.unverifiedReference")}</>}
      </p>
      {r.quote && (
        <blockquote lang="en">
          <p>{r.quote}</p>
          <footer>{t("reviews.quoteBy", { source: r.quoteSource ?? "" })}</footer>
        </blockquote>
      )}
      {r.topics.length > 0 && (
        <p>
          {t("reviews.topicsLabel")}{" "}
          {r.topics.map((topic, i) => (
            <span key={topic}>
              {i > 0 ? ", " : ""}
              {t(`reviews.topics.${topic}`)}
            </span>
          ))}
        </p>
      )}
      {r.definition.length > 0 && <DefinitionTable definition={r.definition} caption={t("reviews.definitionCaption")} />}
      {r.sourceUrl && (
        <p class="meta">
          {t("reviews.sourceLabel")} <Source source={r.sourceUrl} />
        </p>
      )}
    </article>
  );
}

export function ReviewPage({ review, related = [], titles }: { review: ReviewDetail; related?: readonly RelatedSection[]; titles?: DocumentTitles }) {
  const { t, lang } = usePage();
  const docs = [
    ["secretariat", review.documents.secretariatReport],
    ["government", review.documents.governmentReport],
    ["minutes", review.documents.minutes],
    ["concluding_remarks", review.documents.concludingRemarks],
  ] as const;
  return (
    <>
      <p>
        <a href={`/${lang}/reviews`}>{t("reviews.backToList")}</a>
      </p>
      <h1>{t("reviews.reviewTitle", { members: membersText(review), year: review.year })}</h1>
      {review.illustrative && <p class="notice">{t("reviews.illustrativeReview")}</p>}
      {!review.verified && <p class="meta">{t("reviews.notVerified")}</p>}
      <dl class="facts">
        <dt>{t("reviews.members")}</dt>
        <dd>
          {review.members.map((m, i) => (
            <span key={m.code}>
              {i > 0 ? ", " : ""}
              <a href={`/${lang}/members/${m.code}`}>{m.name}</a>
            </span>
          ))}
        </dd>
        <dt>{t("reviews.meeting")}</dt>
        <dd>
          <MeetingDates review={review} />
        </dd>
        {review.cycle && (
          <>
            <dt>{t("reviews.cycle")}</dt>
            <dd>{review.cycle}</dd>
          </>
        )}
        <dt>{t("reviews.msmeSection")}</dt>
        <dd>{t(review.msmeSection ? "reviews.yes" : "reviews.no")}</dd>
        {docs.map(([type, symbol]) => (
          <Fragment key={type}>
            <dt>{t(`reviews.reportTypes.${type}`)}</dt>
            <dd>{symbol ? <SymbolLink symbol={symbol} titles={titles} /> : t("reviews.notRecorded")}</dd>
          </Fragment>
        ))}
        {review.note && (
          <>
            <dt>{t("reviews.note")}</dt>
            <dd lang="en">
              <Mentions text={review.note} />
            </dd>
          </>
        )}
        <dt>{t("reviews.sourceLabel")}</dt>
        <dd>
          <Mentions text={review.source} />
        </dd>
      </dl>
      <section aria-labelledby="references-title">
        <h2 id="references-title">{t("reviews.referencesTitle")}</h2>
        {review.references.length === 0 ? <p>{t("reviews.noReferences")}</p> : review.references.map((r) => <ReferenceItem key={r.id} reference={r} />)}
      </section>
      <section aria-labelledby="qas-title">
        <h2 id="qas-title">{t("reviews.qasTitle")}</h2>
        {review.qas.length === 0 ? (
          <p>{t("reviews.noQas")}</p>
        ) : (
          review.qas.map((q) => (
            <article key={q.id} id={`qa-${q.id}`} class="qa" aria-labelledby={`qa-${q.id}-title`}>
              <h3 id={`qa-${q.id}-title`}>{q.askedByName ? t("reviews.askedBy", { member: q.askedByName }) : t("reviews.askedByUnknown")}</h3>
              {q.illustrative && <p class="meta">{t("reviews.illustrativeQa")}</p>}
              <dl class="facts">
                <dt>{t("reviews.question")}</dt>
                <dd lang="en">{q.question}</dd>
                <dt>{t("reviews.answer")}</dt>
                <dd lang={q.answer ? "en" : undefined}>{q.answer ?? t("reviews.noAnswer")}</dd>
                {q.document && (
                  <>
                    <dt>{t("reviews.qaDocument")}</dt>
                    <dd>
                      <SymbolLink symbol={q.document} titles={titles} />
                    </dd>
                  </>
                )}
              </dl>
            </article>
          ))
        )}
      </section>
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1/reviews/${review.id}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}

export function DefinitionsPage({
  input,
  problems,
  result,
  query,
  chartSvg,
}: {
  input: Record<string, string>;
  problems: FieldProblem[];
  result?: CollectionResult<DefinitionComparison>;
  query: URLSearchParams;
  chartSvg?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/reviews`}>{t("reviews.backToList")}</a>
      </p>
      <h1>{t("reviews.definitionsTitle")}</h1>
      <p class="lede">{t("reviews.definitionsLede")}</p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/reviews/definitions`}
        label={t("reviews.filters")}
        submit={t("reviews.apply")}
        fields={definitionFilterFields}
        schema={definitionsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          {chartSvg && (
            <figure class="chart">
              <div dangerouslySetInnerHTML={{ __html: chartSvg }} />
              <figcaption>{t("reviews.chartCaption")}</figcaption>
            </figure>
          )}
          <p class="meta">{t("reviews.definitionsIllustrative")}</p>
          <CollectionTable
            caption={t("reviews.definitionsCaption")}
            columns={definitionsCollection.columns}
            result={result}
            rowKey={(r) => `${r.referenceId}-${r.member}-${r.sizeClass}-${r.sector ?? ""}`}
            query={query}
            downloads={downloadLinks(definitionsCollection, query, { lang })}
            empty={t("reviews.definitionsNone")}
          />
        </>
      )}
    </>
  );
}
