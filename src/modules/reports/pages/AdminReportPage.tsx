import type { FieldProblem } from "../../../errors.js";
import { formValuesOf, type StoredText } from "../../../i18n/content.js";
import { ErrorSummary, Field, Form, History, type HistoryEntry, Notice } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import type { ReportDraft } from "../draft.js";
import { Narrative, SECTIONS, type SectionKey } from "../schema.js";
import { ReportBody } from "./ReportPage.js";

export function AdminReportPage({ draft, years, narratives, adopted, input, problems, section, history, notice }: {
  draft: ReportDraft;
  years: number[];
  narratives: Record<SectionKey, StoredText>;
  adopted: { symbol: string; dated: string; source: string } | null;
  /** What was typed into the form that came back with problems (one form at a time). */
  input: Record<string, string | undefined>;
  problems: FieldProblem[];
  /** The form the problems belong to: a section, or `adoption`. */
  section?: string;
  history: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/reports/annual/${draft.year}`;
  const max = maxLengthOf(Narrative.text);
  const adoption = section === "adoption" ? input : { symbol: adopted?.symbol ?? "", dated: adopted?.dated ?? "", source: adopted?.source ?? "" };
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("reports.admin.backToDashboard")}</a>
      </p>
      <h1>{t("reports.admin.yearTitle", { year: draft.year })}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{t("reports.admin.lede")}</p>
      <p>
        <a href={`/${lang}/reports/annual/${draft.year}`}>{t("reports.admin.publicPage")}</a>
      </p>
      <nav aria-label={t("reports.admin.years")}>
        <ul class="inline">
          {years.map((y) => (
            <li key={y}>{y === draft.year ? <strong aria-current="page">{y}</strong> : <a href={`/${lang}/admin/reports/annual/${y}`}>{y}</a>}</li>
          ))}
        </ul>
      </nav>
      <ErrorSummary problems={problems} idPrefix={section ? `${section}-` : ""} />
      <section aria-labelledby="adoption-title">
        <h2 id="adoption-title">{t("reports.admin.adoption")}</h2>
        <p class="hint">{t("reports.admin.adoptionHint")}</p>
        <Form action={`${base}/adoption`} class="stack" label={t("reports.admin.adoption")}>
          {(["symbol", "dated", "source"] as const).map((name) => (
            <Field key={name} name={name} idPrefix="adoption-" label={t(`reports.admin.${name}`)} problems={section === "adoption" ? problems : []}>
              {(attrs) =>
                name === "dated" ? <input {...attrs} type="date" value={adoption[name] ?? ""} /> : <input {...attrs} type="text" value={adoption[name] ?? ""} maxLength={name === "source" ? 500 : 120} />
              }
            </Field>
          ))}
          <p>
            <button type="submit">{t("reports.admin.adopt")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="narratives-title">
        <h2 id="narratives-title">{t("reports.admin.narratives")}</h2>
        {SECTIONS.map((s) => {
          const name = t(`reports.admin.sections.${s}`);
          const mine = section === s;
          return (
            <Form key={s} action={`${base}/narratives/${s}`} class="stack" label={t("reports.admin.narrativeOf", { section: name })}>
              <TranslatableField
                name="body"
                idPrefix={`${s}-`}
                label={t("reports.admin.narrativeOf", { section: name })}
                hint={t("reports.admin.narrativeHint", { max: max ?? "" })}
                stored={narratives[s]}
                input={mine ? input : formValuesOf("body", narratives[s])}
                problems={mine ? problems : []}
                max={max}
              />
              <p>
                <button type="submit">{t("reports.admin.saveSection", { section: name })}</button>
              </p>
            </Form>
          );
        })}
      </section>
      <section aria-labelledby="draft-title">
        <h2 id="draft-title">{t("reports.admin.draft")}</h2>
        <ReportBody draft={draft} idPrefix="draft" />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        <History entries={history.entries} paging={history} />
      </section>
    </>
  );
}
