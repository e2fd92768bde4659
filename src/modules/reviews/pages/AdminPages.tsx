import type { FieldProblem } from "../../../errors.js";
import { DataTable, ErrorSummary, Field, Form, History, type HistoryEntry, Notice, Pagination, type Choice, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { REPORT_TYPES, type Review, SIZE_CLASSES, TOPICS } from "../schema.js";
import { membersText } from "./parts.js";

export type FormInput = Partial<Record<string, string>>;

export const REVIEW_FIELDS = ["members", "year", "cycle", "meeting_start", "meeting_end", "secretariat_report", "government_report", "minutes", "concluding_remarks", "msme_section", "verified", "illustrative", "note", "source"] as const;
export const REVIEW_TEXTAREAS = ["note"];
export const REFERENCE_FIELDS = [
  "report_type",
  "location",
  "summary",
  "quote",
  "quote_source",
  ...TOPICS.map((t) => `topic.${t}`),
  "source_url",
  "illustrative",
  "verified",
  "sector",
  "currency",
  ...SIZE_CLASSES.flatMap((s) => [`${s}_employees`, `${s}_turnover`, `${s}_assets`]),
] as const;
export const REFERENCE_TEXTAREAS = ["summary", "quote"];
export const QA_FIELDS = ["asked_by", "question", "answer", "document", "illustrative"] as const;
export const QA_TEXTAREAS = ["question", "answer"];
const CHECKBOXES = new Set(["msme_section", "verified", "illustrative", ...TOPICS.map((t) => `topic.${t}`)]);
const DATES = new Set(["meeting_start", "meeting_end"]);
const MAX: Record<string, number> = {
  members: 100,
  year: 4,
  cycle: 2,
  secretariat_report: 100,
  government_report: 100,
  minutes: 100,
  concluding_remarks: 100,
  note: 1000,
  source: 500,
  location: 100,
  summary: 2000,
  quote: 500,
  quote_source: 200,
  source_url: 300,
  sector: 60,
  currency: 3,
  question: 2000,
  answer: 4000,
  document: 100,
};

function TextControl({ name, input, problems, textareas, choices }: { name: string; input: FormInput; problems: FieldProblem[]; textareas: readonly string[]; choices?: Choice[] }) {
  const { t } = usePage();
  const value = input[name] ?? "";
  const key = name.startsWith("topic.") ? `reviews.topics.${name.slice(6)}` : `reviews.admin.fields.${name.replace(/^(micro|small|medium)_/, "size_")}`;
  const size = /^(micro|small|medium)_/.exec(name)?.[1];
  const label = size ? `${t(`reviews.sizeClasses.${size}`)}: ${t(key)}` : t(key);
  if (CHECKBOXES.has(name)) {
    return (
      <div class="field checkbox">
        <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={value === "on" || value === "true"} />
        <label for={`field-${name}`}>{label}</label>
      </div>
    );
  }
  if (choices) return <SelectField name={name} label={label} problems={problems} choices={choices} value={value} />;
  return (
    <Field name={name} label={label} problems={problems}>
      {(attrs) =>
        textareas.includes(name) ? (
          <textarea {...attrs} rows={4} maxLength={MAX[name]}>
            {value}
          </textarea>
        ) : DATES.has(name) ? (
          <input {...attrs} type="date" value={value} />
        ) : (
          <input {...attrs} type="text" value={value} maxLength={MAX[name]} autoComplete="off" />
        )
      }
    </Field>
  );
}

export function ReviewsAdminPage({ list, notice }: { list: { items: Review[]; total: number; page: number; pages: number }; notice?: string }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("reviews.admin.backToDashboard")}</a>
      </p>
      <h1>{t("reviews.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{t("reviews.admin.lede")}</p>
      <p>
        <a class="button" href={`/${lang}/admin/reviews/new`}>
          {t("reviews.admin.new")}
        </a>
      </p>
      <p aria-live="polite">{t("reviews.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <DataTable
          caption={t("reviews.admin.caption")}
          rows={list.items}
          rowKey={(r) => String(r.id)}
          columns={[
            { header: t("reviews.members"), rowHeader: true, cell: (r) => membersText(r) },
            { header: t("reviews.yearCol"), cell: (r) => r.year },
            { header: t("reviews.references"), cell: (r) => r.references.length },
            {
              header: t("reviews.admin.edit"),
              cell: (r) => (
                <a href={`/${lang}/admin/reviews/${r.id}`} aria-label={t("reviews.admin.editLabel", { members: membersText(r), year: r.year })}>
                  {t("reviews.admin.edit")}
                </a>
              ),
            },
          ]}
        />
      )}
      <Pagination page={list.page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

export function ReviewFormPage({ review, input, problems, history, notice }: { review?: Review; input: FormInput; problems: FieldProblem[]; history?: { entries: HistoryEntry[]; page: number; pages: number }; notice?: string }) {
  const { t, lang } = usePage();
  const title = review ? t("reviews.admin.editTitle", { members: membersText(review), year: review.year }) : t("reviews.admin.newTitle");
  return (
    <>
      <p>
        <a href={`/${lang}/admin/reviews`}>{t("reviews.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {review && (
        <p>
          <a href={`/${lang}/reviews/${review.id}`}>{t("reviews.admin.publicPage")}</a>
        </p>
      )}
      <ErrorSummary problems={problems} />
      <Form action={review ? `/${lang}/admin/reviews/${review.id}` : `/${lang}/admin/reviews`} class="stack" label={title}>
        <p class="hint">{t("reviews.admin.membersHint")}</p>
        {REVIEW_FIELDS.map((f) => (
          <TextControl key={f} name={f} input={input} problems={problems} textareas={REVIEW_TEXTAREAS} />
        ))}
        <p>
          <button type="submit">{review ? t("reviews.admin.save") : t("reviews.admin.create")}</button>
        </p>
      </Form>
      {review && (
        <section aria-labelledby="admin-references-title">
            <h2 id="admin-references-title">{t("reviews.referencesTitle")}</h2>
            <ul>
              {review.references.map((r) => (
                <li key={r.id}>
                  <a href={`/${lang}/admin/reviews/references/${r.id}`}>
                    {t(`reviews.reportTypes.${r.reportType}`)}
                    {r.location ? `, ${r.location}` : ""}
                  </a>
                </li>
              ))}
            </ul>
            <p>
              <a class="button" href={`/${lang}/admin/reviews/${review.id}/references/new`}>
                {t("reviews.admin.addReference")}
              </a>{" "}
              <a class="button" href={`/${lang}/admin/reviews/${review.id}/qas/new`}>
                {t("reviews.admin.addQa")}
              </a>
            </p>
          </section>
      )}
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}

export function ReferenceFormPage({ reviewId, referenceId, input, problems, history }: { reviewId: number; referenceId?: number; input: FormInput; problems: FieldProblem[]; history?: { entries: HistoryEntry[]; page: number; pages: number } }) {
  const { t, lang } = usePage();
  const title = referenceId ? t("reviews.admin.referenceTitle") : t("reviews.admin.newReferenceTitle");
  const types = REPORT_TYPES.map((r) => ({ value: r, label: t(`reviews.reportTypes.${r}`) }));
  return (
    <>
      <p>
        <a href={`/${lang}/admin/reviews/${reviewId}`}>{t("reviews.admin.backToReview")}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} />
      <Form action={referenceId ? `/${lang}/admin/reviews/references/${referenceId}` : `/${lang}/admin/reviews/${reviewId}/references`} class="stack" label={title}>
        {REFERENCE_FIELDS.slice(0, 5).map((f) => (
          <TextControl key={f} name={f} input={input} problems={problems} textareas={REFERENCE_TEXTAREAS} choices={f === "report_type" ? types : undefined} />
        ))}
        <fieldset>
          <legend>{t("reviews.topicsLabel")}</legend>
          {TOPICS.map((topic) => (
            <TextControl key={topic} name={`topic.${topic}`} input={input} problems={problems} textareas={[]} />
          ))}
        </fieldset>
        {["source_url", "illustrative", "verified"].map((f) => (
          <TextControl key={f} name={f} input={input} problems={problems} textareas={[]} />
        ))}
        <fieldset>
          <legend>{t("reviews.definitionCaption")}</legend>
          <p class="hint">{t("reviews.admin.definitionHint")}</p>
          {REFERENCE_FIELDS.slice(5 + TOPICS.length + 3).map((f) => (
            <TextControl key={f} name={f} input={input} problems={problems} textareas={[]} />
          ))}
        </fieldset>
        <p>
          <button type="submit">{referenceId ? t("reviews.admin.save") : t("reviews.admin.create")}</button>
        </p>
      </Form>
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}

export function QaFormPage({ reviewId, qaId, input, problems, economies, history }: { reviewId: number; qaId?: number; input: FormInput; problems: FieldProblem[]; economies: { code: string; name: string }[]; history?: { entries: HistoryEntry[]; page: number; pages: number } }) {
  const { t, lang } = usePage();
  const title = qaId ? t("reviews.admin.qaTitle") : t("reviews.admin.newQaTitle");
  const choices = [{ value: "", label: t("reviews.askedByUnknown") }, ...economies.map((e) => ({ value: e.code, label: e.name }))];
  return (
    <>
      <p>
        <a href={`/${lang}/admin/reviews/${reviewId}`}>{t("reviews.admin.backToReview")}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary problems={problems} />
      <Form action={qaId ? `/${lang}/admin/reviews/qas/${qaId}` : `/${lang}/admin/reviews/${reviewId}/qas`} class="stack" label={title}>
        {QA_FIELDS.map((f) => (
          <TextControl key={f} name={f} input={input} problems={problems} textareas={QA_TEXTAREAS} choices={f === "asked_by" ? choices : undefined} />
        ))}
        <p>
          <button type="submit">{qaId ? t("reviews.admin.save") : t("reviews.admin.create")}</button>
        </p>
      </Form>
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}
