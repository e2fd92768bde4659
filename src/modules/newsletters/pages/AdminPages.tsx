import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { EMPTY_TEXT, resolveText, type StoredText } from "../../../i18n/content.js";
import { LANGS, type Lang } from "../../../i18n/lang.js";
import { DataTable, ErrorSummary, Form, Notice, Pagination } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { LANGUAGE_NAMES } from "../../../ui/layout.js";
import { maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import type { IssueRow } from "../repo.js";
import { DELIVERY_STATUSES, Intro, NEWSLETTER_TOPICS, Subject } from "../schema.js";

export type IssueFormInput = Partial<Record<string, string>>;

const subjectOf = (issue: IssueRow, lang: Lang) => resolveText(issue.subject, lang)?.text ?? `#${issue.id}`;

export function IssuesAdminPage({ list }: { list: { items: IssueRow[]; total: number; page: number; pages: number; subscribers: Record<string, number> } }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("newsletters.admin.backToDashboard")}</a>
      </p>
      <h1>{t("newsletters.admin.title")}</h1>
      <p>{t("newsletters.admin.subscribers", { en: list.subscribers.en ?? 0, fr: list.subscribers.fr ?? 0, es: list.subscribers.es ?? 0 })}</p>
      <p>
        <a class="button" href={`/${lang}/admin/newsletters/new`}>
          {t("newsletters.admin.new")}
        </a>
      </p>
      <DataTable
        caption={t("newsletters.admin.caption")}
        rows={list.items}
        rowKey={(i) => String(i.id)}
        columns={[
          { header: t("newsletters.admin.subject"), rowHeader: true, cell: (i) => <a href={`/${lang}/admin/newsletters/${i.id}`}>{subjectOf(i, lang)}</a> },
          { header: t("newsletters.admin.kind"), cell: (i) => t(`newsletters.admin.kinds.${i.kind}`) },
          { header: t("newsletters.admin.createdAt"), cell: (i) => formatDateTime(lang, i.created_at) },
        ]}
      />
      <Pagination page={list.page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

function IssueFields({ input, problems, subject, intro }: { input: IssueFormInput; problems: FieldProblem[]; subject: StoredText; intro: StoredText }) {
  const { t } = usePage();
  const flat = input as Record<string, string>;
  return (
    <>
      <TranslatableField name="subject" label={t("newsletters.admin.subject")} stored={subject} input={flat} problems={problems} max={maxLengthOf(Subject.text)} />
      <TranslatableField name="intro" label={t("newsletters.admin.intro")} stored={intro} input={flat} problems={problems} max={maxLengthOf(Intro.text)} />
      <fieldset class="field" id="field-topics">
        <legend>{t("newsletters.admin.topics")}</legend>
        <span class="hint">{t("newsletters.admin.topicsHint")}</span>
        {NEWSLETTER_TOPICS.map((topic) => (
          <div class="checkbox" key={topic}>
            <input type="checkbox" id={`topic-${topic}`} name={`topics.${topic}`} value="yes" checked={input[`topics.${topic}`] === "yes"} />
            <label for={`topic-${topic}`}>{t(`newsletters.sections.${topic}`)}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

export function NewIssuePage({ input, problems }: { input: IssueFormInput; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin/newsletters`}>{t("newsletters.admin.back")}</a>
      </p>
      <h1>{t("newsletters.admin.newTitle")}</h1>
      <p class="lede">{t("newsletters.admin.newLede")}</p>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/admin/newsletters`} class="stack" label={t("newsletters.admin.newTitle")}>
        <IssueFields input={input} problems={problems} subject={EMPTY_TEXT} intro={EMPTY_TEXT} />
        <p>
          <button type="submit">{t("newsletters.admin.create")}</button>
        </p>
      </Form>
    </>
  );
}

export interface IssueAdminProps {
  issue: IssueRow;
  sends: { lang: Lang; started_at: Date; finished_at: Date | null; started_by: string }[];
  deliveries: { lang: Lang; status: string; n: number }[];
  /** Deliveries that bounce reports read later are about, by kind (permanent, temporary). */
  bounces?: { kind: string; n: number }[];
  subscribers: Record<string, number>;
  input: IssueFormInput;
  problems: FieldProblem[];
  notice?: string;
}

export function IssueAdminPage({ issue, sends, deliveries, bounces = [], subscribers, input, problems, notice }: IssueAdminProps) {
  const { t, lang } = usePage();
  const sent = new Map(sends.map((s) => [s.lang, s]));
  const editable = issue.kind === "issue" && sends.length === 0;
  const count = (l: Lang, status: string) => deliveries.find((d) => d.lang === l && d.status === status)?.n ?? 0;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/newsletters`}>{t("newsletters.admin.back")}</a>
      </p>
      <h1>{subjectOf(issue, lang)}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary problems={problems} />
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t("newsletters.admin.preview")}</h2>
        <ul>
          {LANGS.map((l) => (
            <li key={l}>
              <a href={`/${lang}/admin/newsletters/${issue.id}/preview?in=${l}`}>{t("newsletters.admin.previewIn", { language: LANGUAGE_NAMES[l] })}</a>
            </li>
          ))}
        </ul>
      </section>
      {issue.kind === "issue" && (
        <section aria-labelledby="send-title">
          <h2 id="send-title">{t("newsletters.admin.sending")}</h2>
          <div class="table-wrap">
            <table>
              <caption>{t("newsletters.admin.sendingCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("newsletters.admin.language")}</th>
                  <th scope="col">{t("newsletters.admin.subscribersColumn")}</th>
                  {DELIVERY_STATUSES.map((s) => (
                    <th scope="col" key={s}>
                      {t(`newsletters.admin.statuses.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LANGS.map((l) => (
                  <tr key={l}>
                    <th scope="row">{LANGUAGE_NAMES[l]}</th>
                    <td>{subscribers[l] ?? 0}</td>
                    {DELIVERY_STATUSES.map((s) => (
                      <td key={s}>{count(l, s)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {bounces.length > 0 && (
            <p>
              {t("newsletters.admin.bouncesLater", {
                permanent: bounces.find((b) => b.kind === "permanent")?.n ?? 0,
                temporary: bounces.find((b) => b.kind === "temporary")?.n ?? 0,
              })}
            </p>
          )}
          <Form action={`/${lang}/admin/newsletters/${issue.id}/test`} class="stack" label={t("newsletters.admin.test")}>
            <div class="field">
              <label for="test-lang">{t("newsletters.admin.language")}</label>
              <select id="test-lang" name="lang">
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </div>
            <p>
              <button type="submit">{t("newsletters.admin.test")}</button>
            </p>
          </Form>
          {LANGS.filter((l) => !sent.has(l)).length > 0 && (
            <Form action={`/${lang}/admin/newsletters/${issue.id}/send`} class="stack" label={t("newsletters.admin.send")}>
              <div class="field">
                <label for="field-lang">{t("newsletters.admin.language")}</label>
                <select id="field-lang" name="lang">
                  {LANGS.filter((l) => !sent.has(l)).map((l) => (
                    <option key={l} value={l}>
                      {LANGUAGE_NAMES[l]}
                    </option>
                  ))}
                </select>
              </div>
              <p>
                <button type="submit">{t("newsletters.admin.send")}</button>
              </p>
            </Form>
          )}
        </section>
      )}
      {editable && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t("newsletters.admin.edit")}</h2>
          <Form action={`/${lang}/admin/newsletters/${issue.id}`} class="stack" label={t("newsletters.admin.edit")}>
            <IssueFields input={input} problems={problems} subject={issue.subject} intro={issue.intro} />
            <div class="checkbox">
              <input type="checkbox" id="field-recompose" name="recompose" value="yes" />
              <label for="field-recompose">{t("newsletters.admin.recompose")}</label>
            </div>
            <p>
              <button type="submit">{t("form.save")}</button>
            </p>
          </Form>
        </section>
      )}
    </>
  );
}

export function PreviewPage({ issue, rendered, shownIn }: { issue: IssueRow; rendered: { subject: string; text: string }; shownIn: Lang }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin/newsletters/${issue.id}`}>{t("newsletters.admin.backToIssue")}</a>
      </p>
      <h1>{t("newsletters.admin.previewIn", { language: LANGUAGE_NAMES[shownIn] })}</h1>
      <p>
        <strong>{t("newsletters.admin.subject")}:</strong> <span lang={shownIn}>{rendered.subject}</span>
      </p>
      <pre class="email-preview" lang={shownIn}>
        {rendered.text}
      </pre>
    </>
  );
}
