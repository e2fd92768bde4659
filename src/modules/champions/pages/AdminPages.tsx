import type { FieldProblem } from "../../../errors.js";
import type { StoredText } from "../../../i18n/content.js";
import { DataTable, ErrorSummary, Field, Form, Notice } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { lengthOf, maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import { type Competition, CompetitionInput, CompetitionName, Theme } from "../schema.js";

export type CompetitionFormInput = Partial<Record<string, string>>;

export function CompetitionsAdminPage({ competitions, input, problems, notice }: { competitions: Competition[]; input: CompetitionFormInput; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("champions.admin.backToDashboard")}</a>
      </p>
      <h1>{t("champions.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <DataTable
        caption={t("champions.admin.caption")}
        rows={competitions}
        rowKey={(c) => String(c.year)}
        columns={[
          { header: t("champions.admin.year"), rowHeader: true, cell: (c) => <a href={`/${lang}/admin/champions/${c.year}`}>{c.year}</a> },
          { header: t("champions.admin.name"), cell: (c) => <span lang={c.nameLang === lang ? undefined : c.nameLang}>{c.name}</span> },
          { header: t("champions.winners"), cell: (c) => c.winners.length },
        ]}
      />
      <h2 id="new-year-title">{t("champions.admin.newYear")}</h2>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/admin/champions`} class="stack" label={t("champions.admin.newYear")}>
        <Field name="year" label={t("champions.admin.year")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" value={input.year ?? ""} maxLength={4} required />}
        </Field>
        <p>
          <button type="submit">{t("champions.admin.create")}</button>
        </p>
      </Form>
    </>
  );
}

export function CompetitionFormPage({ year, name, theme, input, problems, notice }: { year: number; name: StoredText; theme: StoredText; input: CompetitionFormInput; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  const v = (field: string) => input[field] ?? "";
  const text = (field: string, type: "text" | "date" | "time" = "text", hint?: string) => (
    <Field name={field} label={t(`champions.admin.fields.${field}`)} hint={hint} problems={problems}>
      {(attrs) => <input {...attrs} {...({ type } as { type: "text" })} value={v(field)} {...lengthOf(CompetitionInput, field)} />}
    </Field>
  );
  const heading = t("champions.admin.editTitle", { year });
  return (
    <>
      <p>
        <a href={`/${lang}/admin/champions`}>{t("champions.admin.back")}</a>
      </p>
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href={`/${lang}/champions/${year}`}>{t("champions.admin.publicPage")}</a>
      </p>
      <p>
        <a href={`/${lang}/admin/champions/${year}/judging`}>{t("champions.admin.judgingLink")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/admin/champions/${year}`} class="stack" label={heading}>
        <TranslatableField name="name" label={t("champions.admin.name")} stored={name} input={input as Record<string, string>} problems={problems} max={maxLengthOf(CompetitionName.text)} />
        <TranslatableField name="theme" label={t("champions.theme")} stored={theme} input={input as Record<string, string>} problems={problems} max={maxLengthOf(Theme.text)} />
        {text("partners", "text", t("champions.admin.hints.partners"))}
        {text("opens_on", "date")}
        {text("opens_at", "time", t("champions.admin.hints.clock"))}
        {text("closes_on", "date")}
        {text("closes_at", "time", t("champions.admin.hints.clock"))}
        {text("time_zone", "text", t("champions.admin.hints.timeZone"))}
        {text("proposals_reported")}
        <Field name="results" label={t("champions.admin.fields.results")} hint={t("champions.admin.hints.results")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={6} {...lengthOf(CompetitionInput, "results")}>
              {v("results")}
            </textarea>
          )}
        </Field>
        {text("source", "text", t("champions.admin.hints.source"))}
        <p>
          <button type="submit">{t("form.save")}</button>
        </p>
      </Form>
    </>
  );
}
