import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { LANGS } from "../../../i18n/lang.js";
import { ErrorSummary, Field, Form, Pagination, Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { LANGUAGE_NAMES } from "../../../ui/layout.js";
import { lengthOf } from "../../../ui/limits.js";
import { NEWSLETTER_TOPICS, SubscribeInput } from "../schema.js";
import type { ArchivedIssue } from "../service.js";

export type SubscribeForm = Partial<Record<string, string>>;

const issueDate = (i: ArchivedIssue, lang: "en" | "fr" | "es") => (i.date ? (i.precision === "year" ? i.date.slice(0, 4) : formatDate(lang, i.date)) : "");

export function SubscribeFields({ input, problems }: { input: SubscribeForm; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  const chosenLang = input.lang || lang;
  return (
    <>
      <Field name="email" label={t("newsletters.subscribe.email")} problems={problems}>
        {(attrs) => <input {...attrs} type="email" value={input.email ?? ""} required autoComplete="email" {...lengthOf(SubscribeInput, "email")} />}
      </Field>
      <Field name="lang" label={t("newsletters.subscribe.lang")} problems={problems}>
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
      <fieldset class="field" id="field-topics">
        <legend>{t("newsletters.subscribe.topics")}</legend>
        <span class="hint">{t("newsletters.subscribe.topicsHint")}</span>
        {NEWSLETTER_TOPICS.map((topic) => (
          <div class="checkbox" key={topic}>
            <input type="checkbox" id={`topic-${topic}`} name={`topics.${topic}`} value="yes" checked={input[`topics.${topic}`] === "yes"} />
            <label for={`topic-${topic}`}>{t(`newsletters.sections.${topic}`)}</label>
          </div>
        ))}
      </fieldset>
      {/* A trap for robots: people do not see it (and are told to leave it empty if they do). */}
      <div class="visually-hidden">
        <label for="field-website">{t("newsletters.subscribe.trap")}</label>
        <input id="field-website" name="website" type="text" value="" tabIndex={-1} autoComplete="off" />
      </div>
    </>
  );
}

export function NewslettersPage({ archive, input, problems }: { archive: { items: ArchivedIssue[]; total: number; page: number; pages: number }; input: SubscribeForm; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("newsletters.title")}</h1>
      <p class="lede">{t("newsletters.lede")}</p>
      <section aria-labelledby="subscribe-title">
        <h2 id="subscribe-title">{t("newsletters.subscribe.title")}</h2>
        <p>{t("newsletters.subscribe.how")}</p>
        <ErrorSummary problems={problems} />
        <Form action={`/${lang}/newsletters/subscribe`} class="stack" label={t("newsletters.subscribe.title")}>
          <SubscribeFields input={input} problems={problems} />
          <p>
            <button type="submit">{t("newsletters.subscribe.submit")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="archive-title">
        <h2 id="archive-title">{t("newsletters.archive")}</h2>
        {archive.items.length === 0 ? (
          <p>{t("newsletters.none")}</p>
        ) : (
          <ul class="archive">
            {archive.items.map((i) => (
              <li key={i.id}>
                <a href={`/${lang}/newsletters/${i.id}`} lang={i.subjectLang === lang ? undefined : i.subjectLang}>
                  {i.subject}
                </a>{" "}
                <span class="meta">{issueDate(i, lang)}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={archive.page} pages={archive.pages} query={new URLSearchParams()} />
      </section>
    </>
  );
}

export function IssuePage({ issue }: { issue: ArchivedIssue }) {
  const { t, lang } = usePage();
  const sections = [...new Set(issue.items.map((i) => i.section))];
  return (
    <>
      <p>
        <a href={`/${lang}/newsletters`}>{t("newsletters.backToArchive")}</a>
      </p>
      <h1 lang={issue.subjectLang === lang ? undefined : issue.subjectLang}>{issue.subject}</h1>
      <p class="meta">{issue.kind === "record" ? t("newsletters.recordNote", { year: issue.date?.slice(0, 4) ?? "" }) : t("newsletters.sentOn", { date: issueDate(issue, lang) })}</p>
      {issue.intro && <p class="profile">{issue.intro}</p>}
      {sections.map((section) => (
        <section key={section} aria-labelledby={`section-${section}`}>
          <h2 id={`section-${section}`}>{t(`newsletters.sections.${section}`)}</h2>
          <ul>
            {issue.items
              .filter((i) => i.section === section)
              .map((i) => (
                <li key={i.url}>
                  <a href={i.url} lang={i.lang}>
                    {i.title}
                  </a>
                  {i.meta && <> ({i.meta})</>}
                </li>
              ))}
          </ul>
        </section>
      ))}
      {issue.source && (
        <p class="meta">
          {t("newsletters.source")} <Source source={issue.source} />
        </p>
      )}
    </>
  );
}

/** A short page after an action: a heading, a line, and where to go next. */
export function DonePage({ title, line }: { title: string; line: string }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{title}</h1>
      <p>{line}</p>
      <p>
        <a href={`/${lang}/newsletters`}>{t("newsletters.backToArchive")}</a>
      </p>
    </>
  );
}

/** A link's page: says what following it will do, and does it only when the button is pressed (link scanners do not press it). */
export function ConfirmLinkPage({ title, line, action, button }: { title: string; line: string; action: string; button: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{line}</p>
      <Form action={action} label={title}>
        <button type="submit">{button}</button>
      </Form>
    </>
  );
}
