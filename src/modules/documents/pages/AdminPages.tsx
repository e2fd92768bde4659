import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { EMPTY_TEXT, type StoredText } from "../../../i18n/content.js";
import { DataTable, ErrorSummary, Field, Filters, Form, History, type HistoryEntry, Notice, Pagination, Verified, choicesOf, SelectField } from "../../../ui/components.js";
import { LANGS } from "../../../i18n/lang.js";
import { usePage } from "../../../ui/context.js";
import { lengthOf, maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import { documentPath } from "../present.js";
import { DOCUMENT_KINDS, DocumentForm, DocumentsAdminFilter, type DocumentSummary, RESTRICTIONS, Title } from "../schema.js";
import { DocumentTitle } from "./parts.js";

/** A form's values as typed: every field is text until it is checked; the title a control per language. */
export type DocumentFormInput = Partial<Record<string, string>>;

export function DocumentsAdminPage({ list, input, query, notice }: {
  list: { items: DocumentSummary[]; total: number; totalExact?: boolean; page: number; pages: number };
  input: { prefix: string; q: string };
  query: URLSearchParams;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("documents.admin.backToDashboard")}</a>
      </p>
      <h1>{t("documents.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{t("documents.admin.lede")}</p>
      <p>
        <a class="button" href={`/${lang}/admin/documents/new`}>
          {t("documents.admin.new")}
        </a>
      </p>
      <Filters action={`/${lang}/admin/documents`} label={t("documents.filters")} submit={t("documents.apply")}>
        <Field name="prefix" label={t("documents.prefix")} hint={t("documents.prefixHint")}>
          {(attrs) => <input {...attrs} type="text" value={input.prefix} {...lengthOf(DocumentsAdminFilter, "prefix")} autoComplete="off" />}
        </Field>
        <Field name="q" label={t("documents.q")}>
          {(attrs) => <input {...attrs} type="search" value={input.q} {...lengthOf(DocumentsAdminFilter, "q")} autoComplete="off" />}
        </Field>
      </Filters>
      <p aria-live="polite">{list.totalExact === false ? t("documents.countMore", { count: list.total - 1 }) : t("documents.count", { count: list.total })}</p>
      {list.items.length === 0 ? (
        <p>{t("documents.none")}</p>
      ) : (
        <DataTable
          caption={t("documents.admin.caption")}
          rows={list.items}
          rowKey={(d) => d.symbol}
          columns={[
            { header: t("documents.symbol"), rowHeader: true, cell: (d) => <span class="symbol">{d.symbol}</span> },
            { header: t("documents.titleColumn"), cell: (d) => <DocumentTitle document={d} /> },
            { header: t("documents.restriction"), cell: (d) => t(`documents.restrictions.${d.restriction}`) },
            { header: t("documents.admin.lastVerified"), cell: (d) => (d.verifiedOn ? formatDate(lang, d.verifiedOn) : t("documents.admin.never")) },
            {
              header: t("documents.admin.actions"),
              cell: (d) => (
                <a href={`/${lang}/admin${documentPath(d.symbol)}`} aria-label={t("documents.admin.editLabel", { symbol: d.symbol })}>
                  {t("documents.admin.edit")}
                </a>
              ),
            },
          ]}
        />
      )}
      <Pagination page={list.page} pages={list.pages} query={query} />
    </>
  );
}

const FIELDS = ["symbol", "kind", "date", "title", "title_verified", "restriction", "restricted_until", "revises", "source"] as const;

function DocumentField({ field, input, problems, title }: { field: (typeof FIELDS)[number]; input: DocumentFormInput; problems: FieldProblem[]; title: StoredText }) {
  const { t } = usePage();
  const value = input[field] ?? "";
  const label = t(`documents.admin.fields.${field}`);
  switch (field) {
    case "symbol":
      return (
        <Field name={field} label={label} hint={t("documents.admin.hints.symbol")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} required {...lengthOf(DocumentForm, field)} autoComplete="off" spellcheck={false} />}
        </Field>
      );
    case "kind":
      return (
        <SelectField name={field} label={label} problems={problems} choices={choicesOf(DOCUMENT_KINDS, (k) => t(`documents.kinds.${k}`))} value={value} />
      );
    case "date":
    case "restricted_until":
      return (
        <Field name={field} label={label} hint={t(`documents.admin.hints.${field}`)} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={value} />}
        </Field>
      );
    case "title":
      return (
        <TranslatableField
          name="title"
          label={label}
          hint={t("documents.admin.hints.title", { max: maxLengthOf(Title.text) ?? "" })}
          stored={title}
          input={input}
          problems={problems}
          max={maxLengthOf(Title.text)}
        />
      );
    case "title_verified": {
      const problem = problems.find((p) => p.field === field);
      return (
        <div class={problem ? "checkbox has-error" : "checkbox"}>
          {problem && (
            <span class="error-message" id="field-title_verified-error">
              {t(problem.message, problem.values)}
            </span>
          )}
          <input type="checkbox" id="field-title_verified" name="title_verified" value="yes" checked={value !== ""} {...(problem ? { "aria-describedby": "field-title_verified-error", "aria-invalid": "true" as const } : {})} />
          <label for="field-title_verified">{label}</label>
        </div>
      );
    }
    case "restriction":
      return (
        <SelectField name={field} label={label} problems={problems} choices={choicesOf(RESTRICTIONS, (r) => t(`documents.restrictions.${r}`))} value={value} />
      );
    case "revises":
      return (
        <Field name={field} label={label} hint={t("documents.admin.hints.revises")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} {...lengthOf(DocumentForm, field)} autoComplete="off" spellcheck={false} />}
        </Field>
      );
    case "source":
      return (
        <Field name={field} label={label} hint={t("documents.admin.hints.source")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} required {...lengthOf(DocumentForm, field)} />}
        </Field>
      );
  }
}

/** The form that adds (or replaces) one language version of a document: a PDF or Word file. */
export function UploadForm({ document, files, input, problems }: { document: { symbol: string }; files: { lang: string; name: string }[]; input: DocumentFormInput; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  const chosen = input.version ?? lang;
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">{t("documents.files")}</h2>
      {files.length === 0 ? (
        <p>{t("documents.noFiles")}</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li key={f.lang}>
              {t("documents.fileIn", { language: t(`content.languages.${f.lang}`) })}: <a href={`/${lang}${documentPath(document.symbol)}/files/${f.lang}`}>{f.name}</a>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary problems={problems} idPrefix="upload-" />
      <Form action={`/${lang}/admin/documents/files${documentPath(document.symbol).slice("/documents".length)}`} upload label={t("documents.admin.upload")}>
        <SelectField name="version" idPrefix="upload-" label={t("documents.admin.fields.version")} problems={problems} choices={choicesOf(LANGS, (l) => t(`content.languages.${l}`))} value={chosen} />
        <Field name="file" idPrefix="upload-" label={t("documents.admin.fields.file")} hint={t("documents.admin.hints.file")} problems={problems}>
          {(attrs) => <input {...attrs} type="file" accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required />}
        </Field>
        <p>
          <button type="submit">{t("documents.admin.upload")}</button>
        </p>
      </Form>
    </section>
  );
}

export interface EditedDocument {
  symbol: string;
  verifiedOn: string | null;
  verifiedBy: string | null;
  files: { lang: string; name: string }[];
}

export function DocumentFormPage({ document, title = EMPTY_TEXT, input, problems, history, notice, uploads }: {
  /** Absent when creating. */
  document?: EditedDocument;
  title?: StoredText;
  input: DocumentFormInput;
  problems: FieldProblem[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
  /** The upload form, once files can be kept. */
  uploads?: preact.ComponentChildren;
}) {
  const { t, lang } = usePage();
  const heading = document ? t("documents.admin.editTitle", { symbol: document.symbol }) : t("documents.admin.newTitle");
  const action = document ? `/${lang}/admin${documentPath(document.symbol)}` : `/${lang}/admin/documents`;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/documents`}>{t("documents.admin.back")}</a>
      </p>
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      {document && (
        <>
          <Verified on={document.verifiedOn} by={document.verifiedBy} />
          <p>
            <a href={`/${lang}${documentPath(document.symbol)}`}>{t("documents.admin.publicPage")}</a>
          </p>
        </>
      )}
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={heading}>
        {FIELDS.map((field) => (
          <DocumentField key={field} field={field} input={input} problems={problems} title={title} />
        ))}
        <p>
          <button type="submit">{document ? t("form.save") : t("documents.admin.create")}</button>
        </p>
      </Form>
      {document && (
        <>
          {uploads}
          <section aria-labelledby="verification-title">
            <h2 id="verification-title">{t("documents.verification")}</h2>
            <p>{t("documents.admin.verifyHint")}</p>
            <Form action={`/${lang}/admin${documentPath(document.symbol)}/verify`} label={t("verified.action")}>
              <button type="submit">{t("verified.action")}</button>
            </Form>
          </section>
          <p>
            <a href={`/${lang}/admin/documents/delete${documentPath(document.symbol).slice("/documents".length)}`}>{t("documents.admin.deleteLink")}</a>
          </p>
        </>
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
