import type { FieldProblem } from "../../../errors.js";
import { downloadLinks } from "../../../http/collections.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { LANGS } from "../../../i18n/lang.js";
import { CollectionFilters, type CollectionResult, CollectionTable } from "../../../ui/collection.js";
import { ErrorSummary, Field, Form, Notice, Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { FilterField } from "../../../ui/collection.js";
import { LANGUAGE_NAMES } from "../../../ui/layout.js";
import { lengthOf } from "../../../ui/limits.js";
import { recommendationsCollection } from "../collection.js";
import { type IssuedRecommendation, SubmissionForm } from "../schema.js";
import { CONFIRM_DAYS, type IssuedPage, type StepRow, type Tracked } from "../service.js";

export type Choice = { value: string; label: string };

const FILTER_FIELDS: FilterField[] = [
  { name: "q", type: "text", label: "recommendations.filterText" },
  { name: "year", type: "text", label: "recommendations.year" },
];

export function IssuedListPage({ input, problems, result, query }: { input: Record<string, string>; problems: FieldProblem[]; result?: CollectionResult<IssuedRecommendation>; query: URLSearchParams }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("recommendations.title")}</h1>
      <p class="lede">{t("recommendations.lede")}</p>
      <p>
        <a href={`/${lang}/recommendations/new`}>{t("recommendations.submitLink")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <CollectionFilters
        action={`/${lang}/recommendations`}
        label={t("recommendations.filters")}
        submit={t("recommendations.apply")}
        fields={FILTER_FIELDS}
        schema={recommendationsCollection.filters}
        input={input}
        problems={problems}
      />
      {result && (
        <>
          <p aria-live="polite">
            <strong>{t("recommendations.count", { count: result.total })}</strong>
          </p>
          <CollectionTable
            caption={t("recommendations.tableCaption")}
            columns={recommendationsCollection.columns}
            result={result}
            rowKey={(r) => String(r.id)}
            query={query}
            downloads={downloadLinks(recommendationsCollection, query, { lang })}
            empty={t("recommendations.none")}
          />
        </>
      )}
    </>
  );
}

export function IssuedRecommendationPage({ page }: { page: IssuedPage }) {
  const { t, lang } = usePage();
  const { item } = page;
  return (
    <>
      <p>
        <a href={`/${lang}/recommendations`}>{t("recommendations.backToList")}</a>
      </p>
      <h1 lang={item.titleLang === lang ? undefined : item.titleLang}>{item.title}</h1>
      {item.titleWrittenByUs && <p class="meta">{t("recommendations.titleWrittenByUs")}</p>}
      <dl class="facts">
        <dt>{t("recommendations.symbol")}</dt>
        <dd>{item.symbol ? <a href={`/${lang}/documents/${item.symbol}`}>{item.symbol}</a> : t("recommendations.noSymbol")}</dd>
        <dt>{t("recommendations.organization")}</dt>
        <dd>{item.organization ?? t("recommendations.noOrganization")}</dd>
        {item.issuedOn && (
          <>
            <dt>{t("recommendations.issuedOn")}</dt>
            <dd>{formatDate(lang, item.issuedOn)}</dd>
          </>
        )}
        {!item.issuedOn && item.year && (
          <>
            <dt>{t("recommendations.year")}</dt>
            <dd>{item.year}</dd>
          </>
        )}
        {page.meeting && (
          <>
            <dt>{t("recommendations.meeting")}</dt>
            <dd>
              <a href={`/${lang}/meetings/${page.meeting.slug}`}>{page.meeting.label}</a>
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="text-title">
        <h2 id="text-title">{page.bodyIsSummary ? t("recommendations.whatWeKnow") : t("recommendations.text")}</h2>
        <div class="profile" lang={item.titleLang === lang ? undefined : item.titleLang}>
          {page.body.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      </section>
      {item.source && (
        <p class="meta">
          {t("recommendations.source")} <Source source={item.source} />
        </p>
      )}
    </>
  );
}

export function SubmitPage({ input, problems, countries, topics }: { input: Record<string, string>; problems: FieldProblem[]; countries: Choice[]; topics: Choice[] }) {
  const { t, lang } = usePage();
  const chosenLang = input.lang || lang;
  const text = (name: keyof typeof SubmissionForm.shape, options: { required?: boolean; type?: "text" | "email"; autoComplete?: string; hint?: string } = {}) => (
    <Field name={name} label={t(`recommendations.form.${name === "title" ? "titleField" : name}`)} hint={options.hint} problems={problems}>
      {(attrs) =>
        options.type === "email" ? (
          <input {...attrs} type="email" value={input[name] ?? ""} required={options.required} autoComplete={options.autoComplete} {...lengthOf(SubmissionForm, name)} />
        ) : (
          <input {...attrs} type="text" value={input[name] ?? ""} required={options.required} autoComplete={options.autoComplete} {...lengthOf(SubmissionForm, name)} />
        )
      }
    </Field>
  );
  const topicProblem = problems.find((p) => p.field === "topics");
  return (
    <>
      <h1>{t("recommendations.form.title")}</h1>
      <p class="lede">{t("recommendations.form.lede")}</p>
      <p>{t("recommendations.form.how")}</p>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/recommendations`} class="stack" label={t("recommendations.form.title")} upload>
        {text("submitter", { required: true, autoComplete: "name" })}
        {text("organization", { autoComplete: "organization" })}
        <Field name="country" label={t("recommendations.form.country")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("recommendations.form.noCountry")}</option>
              {countries.map((c) => (
                <option key={c.value} value={c.value} selected={input.country === c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("email", { required: true, type: "email", autoComplete: "email", hint: t("recommendations.form.emailHint") })}
        <Field name="lang" label={t("recommendations.form.lang")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              {LANGS.map((l) => (
                <option key={l} value={l} selected={chosenLang === l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("title", { required: true })}
        <Field name="body" label={t("recommendations.form.body")} hint={t("recommendations.form.bodyHint")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={12} required {...lengthOf(SubmissionForm, "body")}>
              {input.body ?? ""}
            </textarea>
          )}
        </Field>
        <fieldset class={topicProblem ? "field has-error" : "field"} id="field-topics">
          <legend>{t("recommendations.form.topics")}</legend>
          {topicProblem && <span class="error-message">{t(topicProblem.message, topicProblem.values)}</span>}
          {topics.map((topic) => (
            <div class="checkbox" key={topic.value}>
              <input type="checkbox" id={`topic-${topic.value}`} name={`topics.${topic.value}`} value="yes" checked={input[`topics.${topic.value}`] === "yes"} />
              <label for={`topic-${topic.value}`}>{topic.label}</label>
            </div>
          ))}
        </fieldset>
        <Field name="attachment" label={t("recommendations.form.attachment")} hint={t("recommendations.form.attachmentHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="file" multiple accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />}
        </Field>
        {/* A trap for robots: people do not see it (and are told to leave it empty if they do). */}
        <div class="visually-hidden">
          <label for="field-website">{t("recommendations.form.trap")}</label>
          <input id="field-website" name="website" type="text" value="" tabIndex={-1} autoComplete="off" />
        </div>
        <p>
          <button type="submit">{t("recommendations.form.submit")}</button>
        </p>
      </Form>
    </>
  );
}

export function StepsTable({ steps, caption }: { steps: StepRow[]; caption: string }) {
  const { t, lang } = usePage();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("recommendations.when")}</th>
          <th scope="col">{t("recommendations.statusColumn")}</th>
          <th scope="col">{t("recommendations.note")}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.id}>
            <td>
              <time dateTime={s.at.toISOString()}>{formatDate(lang, s.at.toISOString().slice(0, 10))}</time>
            </td>
            <th scope="row">{t(`recommendations.status.${s.status}`)}</th>
            <td>{s.note ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TrackingPage({ tracked, submitted }: { tracked: Tracked; submitted: boolean }) {
  const { t, lang } = usePage();
  const { row } = tracked;
  return (
    <>
      <h1>{t("recommendations.track.title")}</h1>
      {submitted && (
        <Notice>
          <p>{t("recommendations.track.receipt", { days: CONFIRM_DAYS })}</p>
          <p>{t("recommendations.track.keepLink")}</p>
        </Notice>
      )}
      <dl class="facts">
        <dt>{t("recommendations.titleColumn")}</dt>
        <dd lang={row.lang === lang ? undefined : row.lang}>{row.title}</dd>
        <dt>{t("recommendations.statusColumn")}</dt>
        <dd>
          <strong>{t(`recommendations.status.${row.status}`)}</strong>
        </dd>
        {tracked.documentHref && (
          <>
            <dt>{t("recommendations.symbol")}</dt>
            <dd>
              <a href={`/${lang}${tracked.documentHref}`}>{row.symbol}</a>
            </dd>
          </>
        )}
        {row.decline_reason && (
          <>
            <dt>{t("recommendations.track.reason")}</dt>
            <dd>{row.decline_reason}</dd>
          </>
        )}
      </dl>
      {row.status === "unconfirmed" && <p>{t("recommendations.track.confirmFirst")}</p>}
      <StepsTable steps={tracked.steps} caption={t("recommendations.track.history")} />
    </>
  );
}

/** A link's page: says what following it will do, and does it only when the button is pressed (link scanners do not press it). */
export function ConfirmPage({ title, email, action }: { title: string; email: string; action: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{t("recommendations.confirm.title")}</h1>
      <p>{t("recommendations.confirm.line", { title, email })}</p>
      <Form action={action} label={t("recommendations.confirm.title")}>
        <button type="submit">{t("recommendations.confirm.button")}</button>
      </Form>
    </>
  );
}

export function ConfirmedPage() {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("recommendations.confirm.done")}</h1>
      <p>{t("recommendations.confirm.doneLine")}</p>
      <p>
        <a href={`/${lang}/recommendations`}>{t("recommendations.backToList")}</a>
      </p>
    </>
  );
}
