import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { DataTable, ErrorSummary, Field, Filters, Form, History, type HistoryEntry, Notice, Pagination, choicesOf, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { lengthOf } from "../../../ui/limits.js";
import type { AgreementRow, ProvisionRow } from "../repo.js";
import { CATEGORIES, ProvisionForm } from "../schema.js";

export const PROVISION_FIELDS = ["category", "chapter", "articles", "articles_verified", "summary_en", "summary_fr", "summary_es", "source"] as const;
export type ProvisionField = (typeof PROVISION_FIELDS)[number];

export function CodedAgreementsPage({ list, page, input, problems = [] }: { list: { items: { rtaId: number; name: string; provisions: number; verifiedOn: string | null }[]; total: number; pages: number }; page: number; input: Record<string, string>; problems?: FieldProblem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("agreements.admin.backToDashboard")}</a>
      </p>
      <h1>{t("agreements.admin.title")}</h1>
      <p class="lede">{t("agreements.admin.lede")}</p>
      <p>
        <a href={`/${lang}/admin/agreements/import`}>{t("agreements.admin.import.open")}</a>
      </p>
      <ErrorSummary problems={problems} />
      <Filters action={`/${lang}/admin/agreements`} label={t("agreements.admin.open")} submit={t("agreements.admin.openSubmit")}>
        <Field name="rta" label={t("agreements.rtaId")} hint={t("agreements.admin.openHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" maxLength={10} value={input.rta ?? ""} />}
        </Field>
      </Filters>
      <p>{t("agreements.admin.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <DataTable
          caption={t("agreements.admin.caption")}
          rows={list.items}
          rowKey={(a) => String(a.rtaId)}
          columns={[
            { header: t("agreements.name"), rowHeader: true, cell: (a) => <a href={`/${lang}/admin/agreements/${a.rtaId}`} lang="en">{a.name}</a> },
            { header: t("agreements.admin.provisions"), cell: (a) => String(a.provisions) },
            { header: t("agreements.admin.lastVerified"), cell: (a) => (a.verifiedOn ? formatDate(lang, a.verifiedOn) : t("agreements.notVerified")) },
          ]}
        />
      )}
      <Pagination page={page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

/** The fields of one provision. */
function ProvisionFields({ input, problems, idPrefix }: { input: Record<string, string>; problems: FieldProblem[]; idPrefix: string }) {
  const { t } = usePage();
  return (
    <>
      <SelectField
        name="category"
        idPrefix={idPrefix}
        label={t("agreements.filter.category")}
        problems={problems}
        choices={choicesOf(CATEGORIES, (c) => t(`agreements.categories.${c}`))}
        value={input.category}
      />
      <Field name="chapter" idPrefix={idPrefix} label={t("agreements.admin.fields.chapter")} hint={t("agreements.admin.hints.chapter")} problems={problems}>
        {(attrs) => <input {...attrs} type="text" lang="en" value={input.chapter ?? ""} required {...lengthOf(ProvisionForm, "chapter")} />}
      </Field>
      <Field name="articles" idPrefix={idPrefix} label={t("agreements.admin.fields.articles")} hint={t("agreements.admin.hints.articles")} problems={problems}>
        {(attrs) => <input {...attrs} type="text" value={input.articles ?? ""} {...lengthOf(ProvisionForm, "articles")} />}
      </Field>
      <SelectField
        name="articles_verified"
        idPrefix={idPrefix}
        label={t("agreements.admin.fields.articles_verified")}
        problems={problems}
        choices={[
          { value: "no", label: t("agreements.no") },
          { value: "yes", label: t("agreements.yes") },
        ]}
        value={input.articles_verified === "yes" ? "yes" : "no"}
      />
      {(["en", "fr", "es"] as const).map((l) => (
        <Field key={l} name={`summary_${l}`} idPrefix={idPrefix} label={t(`agreements.admin.fields.summary_${l}`)} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} lang={l} rows={3} required {...lengthOf(ProvisionForm, `summary_${l}`)}>
              {input[`summary_${l}`] ?? ""}
            </textarea>
          )}
        </Field>
      ))}
      <Field name="source" idPrefix={idPrefix} label={t("agreements.source")} hint={t("agreements.admin.hints.source")} problems={problems}>
        {(attrs) => <input {...attrs} type="text" value={input.source ?? ""} required {...lengthOf(ProvisionForm, "source")} />}
      </Field>
    </>
  );
}

export const provisionInput = (p: ProvisionRow): Record<string, string> => ({
  category: p.category,
  chapter: p.chapter,
  articles: p.articles ?? "",
  articles_verified: p.articles_verified ? "yes" : "no",
  summary_en: p.summary_en,
  summary_fr: p.summary_fr,
  summary_es: p.summary_es,
  source: p.source,
});

export function CodingPage({ agreement, provisions, history, input, problems, notice }: {
  agreement: AgreementRow;
  provisions: ProvisionRow[];
  history: { entries: HistoryEntry[]; page: number; pages: number };
  input: Record<string, string>;
  problems: FieldProblem[];
  notice?: string;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/agreements/${agreement.rta_id}`;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/agreements`}>{t("agreements.admin.back")}</a>
      </p>
      <h1>{t("agreements.admin.codingTitle", { name: agreement.name })}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href={`/${lang}/agreements/${agreement.rta_id}`}>{t("agreements.admin.publicPage")}</a>
      </p>
      {provisions.length === 0 ? (
        <p>{t("agreements.noProvisions")}</p>
      ) : (
        <DataTable
          caption={t("agreements.provisions")}
          rows={provisions}
          rowKey={(p) => String(p.id)}
          columns={[
            { header: t("agreements.filter.category"), rowHeader: true, cell: (p) => t(`agreements.categories.${p.category}`) },
            { header: t("agreements.admin.fields.chapter"), cell: (p) => <span lang="en">{p.chapter}{p.articles ? `, ${p.articles}` : ""}</span> },
            { header: t("agreements.admin.lastVerified"), cell: (p) => (p.verified_on ? t("agreements.lastVerified", { date: formatDate(lang, p.verified_on), who: p.verified_by ?? "—" }) : t("agreements.notVerified")) },
            { header: t("agreements.admin.actions"), cell: (p) => <a href={`${base}/provisions/${p.id}`}>{t("agreements.admin.edit")}</a> },
          ]}
        />
      )}
      {provisions.length > 0 && (
        <Form action={`${base}/verify`} label={t("agreements.admin.verify")}>
          <p>{t("agreements.admin.verifyHint")}</p>
          <button type="submit">{t("agreements.admin.verify")}</button>
        </Form>
      )}
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t("agreements.admin.add")}</h2>
        <ErrorSummary problems={problems} idPrefix="new-" />
        <Form action={`${base}/provisions`} class="stack" label={t("agreements.admin.add")}>
          <ProvisionFields input={input} problems={problems} idPrefix="new-" />
          <p>
            <button type="submit">{t("agreements.admin.addSubmit")}</button>
          </p>
        </Form>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        <History entries={history.entries} paging={history} />
      </section>
    </>
  );
}

export function ProvisionPage({ agreement, provision, input, problems }: { agreement: AgreementRow; provision: ProvisionRow; input: Record<string, string>; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/agreements/${agreement.rta_id}`;
  return (
    <>
      <p>
        <a href={base}>{t("agreements.admin.backToCoding")}</a>
      </p>
      <h1>{t("agreements.admin.editTitle", { name: agreement.name })}</h1>
      <ErrorSummary problems={problems} />
      <Form action={`${base}/provisions/${provision.id}`} class="stack" label={t("agreements.admin.editTitle", { name: agreement.name })}>
        <ProvisionFields input={input} problems={problems} idPrefix="" />
        <p>
          <button type="submit">{t("form.save")}</button>
        </p>
      </Form>
      <Form action={`${base}/provisions/${provision.id}/delete`} label={t("agreements.admin.delete")}>
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          {t("agreements.admin.delete")}
        </button>
      </Form>
    </>
  );
}

/** The report of an import (a dry run, or what was written). */
export interface ImportReportView {
  rowsRead: number;
  changesRead: number;
  created: number[];
  updated: number[];
  unchanged: number;
  notInFile: number[];
  rejected: { sheet: string; row: number; rtaId?: number; column: string; text: string; problem: string }[];
  written: boolean;
  dryRun: boolean;
}

function ReportView({ report }: { report: ImportReportView }) {
  const { t } = usePage();
  return (
    <>
      <dl class="facts">
        <dt>{t("agreements.admin.import.rowsRead")}</dt>
        <dd>
          {report.rowsRead} ({t("agreements.admin.import.changesRead", { count: report.changesRead })})
        </dd>
        <dt>{t("agreements.admin.import.created")}</dt>
        <dd>{report.created.length}</dd>
        <dt>{t("agreements.admin.import.updated")}</dt>
        <dd>{report.updated.length ? `${report.updated.length}: ${report.updated.join(", ")}` : "0"}</dd>
        <dt>{t("agreements.admin.import.unchanged")}</dt>
        <dd>{report.unchanged}</dd>
        <dt>{t("agreements.admin.import.notInFile")}</dt>
        <dd>{report.notInFile.length ? report.notInFile.join(", ") : "0"}</dd>
      </dl>
      {report.rejected.length > 0 && (
        <DataTable
          caption={t("agreements.admin.import.rejected", { count: report.rejected.length })}
          rows={report.rejected.map((r, i) => ({ ...r, i }))}
          rowKey={(r) => String(r.i)}
          columns={[
            { header: t("agreements.admin.import.row"), rowHeader: true, cell: (r) => `${r.sheet} ${r.row}${r.rtaId ? ` (RTA ${r.rtaId})` : ""}` },
            { header: t("agreements.admin.import.column"), cell: (r) => <span lang="en">{r.column}</span> },
            { header: t("agreements.admin.import.problem"), cell: (r) => t(`agreements.import.problems.${r.problem}`) },
            { header: t("agreements.admin.import.text"), cell: (r) => r.text || "—" },
          ]}
        />
      )}
    </>
  );
}

/** Upload the export, see what a dry run would do, then confirm. */
export function ImportPage({ problems, report, fileKey, done }: { problems: FieldProblem[]; report?: ImportReportView; fileKey?: string; done?: boolean }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin/agreements`}>{t("agreements.admin.back")}</a>
      </p>
      <h1>{t("agreements.admin.import.title")}</h1>
      <p class="lede">{t("agreements.admin.import.lede")}</p>
      {done && report && <Notice>{t("agreements.admin.import.done")}</Notice>}
      {report && <ReportView report={report} />}
      {report && fileKey && !done && (
        <Form action={`/${lang}/admin/agreements/import/confirm`} label={t("agreements.admin.import.confirm")}>
          <input type="hidden" name="key" value={fileKey} />
          <p>{t("agreements.admin.import.confirmHint")}</p>
          <button type="submit">{t("agreements.admin.import.confirm")}</button>
        </Form>
      )}
      {!report && (
        <>
          <ErrorSummary problems={problems} />
          <Form action={`/${lang}/admin/agreements/import`} upload label={t("agreements.admin.import.title")}>
            <Field name="file" label={t("agreements.admin.import.file")} hint={t("agreements.admin.import.fileHint")} problems={problems}>
              {(attrs) => <input {...attrs} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />}
            </Field>
            <p>
              <button type="submit">{t("agreements.admin.import.submit")}</button>
            </p>
          </Form>
        </>
      )}
    </>
  );
}
