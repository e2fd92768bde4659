import type { ComponentChildren } from "preact";
import type { FieldProblem } from "../errors.js";
import { formatDate, formatDateTime } from "../i18n/catalogue.js";
import { usePage } from "./context.js";

/**
 * The shared building blocks of pages: every module composes its forms, filters and tables from
 * these, so they look and behave the same everywhere (and are accessible once, here).
 */

/** Lists what is wrong at the top of a page, each item linking to its field. */
export function ErrorSummary({ problems, idPrefix = "" }: { problems: FieldProblem[]; idPrefix?: string }) {
  const { t } = usePage();
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.field}>
            {/* A problem of the whole form (no field, e.g. the database is down) links nowhere. */}
            {p.field ? <a href={`#field-${idPrefix}${p.field}`}>{t(p.message, p.values)}</a> : t(p.message, p.values)}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** Tells fields of the same name apart when a page has two forms (ids must be unique). */
  idPrefix?: string;
  label: string;
  hint?: string;
  problems?: FieldProblem[];
  children: (attrs: {
    id: string;
    name: string;
    "aria-describedby"?: string;
    "aria-invalid"?: "true";
  }) => ComponentChildren;
}

/** A labelled form control with its hint and its error message, wired for screen readers. */
export function Field({ name, idPrefix = "", label, hint, problems = [], children }: FieldProps) {
  const { t } = usePage();
  const problem = problems.find((p) => p.field === name);
  const id = `field-${idPrefix}${name}`;
  const described = [hint ? `${id}-hint` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={problem ? "field has-error" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span class="error-message" id={`${id}-error`}>
          {t(problem.message, problem.values)}
        </span>
      )}
      {children({
        id,
        name,
        ...(described ? { "aria-describedby": described } : {}),
        ...(problem ? { "aria-invalid": "true" as const } : {}),
      })}
    </div>
  );
}

/** One choice of a drop-down: the value sent, and the label shown (already translated). */
export interface Choice {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<FieldProps, "children"> {
  choices: readonly Choice[];
  /** The value to show selected (the submitted one, kept on error). */
  value: string | null | undefined;
  /** The label of a first, empty choice ("any", "—"); none when omitted. */
  empty?: string;
  required?: boolean;
}

/** A labelled drop-down: a Field whose control is a select, with the submitted value kept. */
export function SelectField({ choices, value, empty, required, ...field }: SelectFieldProps) {
  return (
    <Field {...field}>
      {(attrs) => (
        <select {...attrs} required={required}>
          {empty !== undefined && <option value="">{empty}</option>}
          {choices.map((c) => (
            <option key={c.value} value={c.value} selected={value === c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Choices made from a list of values, each labelled through a function (usually a catalogue key). */
export const choicesOf = <V extends string | number>(values: readonly V[], label: (value: V) => string): Choice[] =>
  values.map((v) => ({ value: String(v), label: label(v) }));

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** The row's heading cell (scope="row"). */
  rowHeader?: boolean;
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.header} scope="row">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Which page numbers to link: the first, the last, and two either side of the current one, with
 * gaps (null) between; a log of thousands of pages stays a dozen links.
 */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && n - last === 2) out.push(n - 1);
    else if (typeof last === "number" && n - last > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/**
 * Page links that keep the current filters. `param` names the page number in the address (`page`;
 * `history` for a record's history beside its form), `hash` where the link lands.
 */
export function Pagination({ page, pages, query, param = "page", hash = "", label }: { page: number; pages: number; query: URLSearchParams; param?: string; hash?: string; label?: string }) {
  const { t, lang, path } = usePage();
  if (pages <= 1) return null;
  const href = (n: number) => {
    const q = new URLSearchParams(query);
    if (n === 1) q.delete(param);
    else q.set(param, String(n));
    const s = q.toString();
    return `/${lang}${path}${s ? `?${s}` : ""}${hash}`;
  };
  return (
    <nav class="pagination" aria-label={label ?? t("list.pagination")}>
      <ul>
        {pageWindow(page, pages).map((n, i) => (
          <li key={n ?? `gap-${i}`}>
            {n === null ? (
              <span aria-hidden="true">…</span>
            ) : n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={href(n)} aria-label={t("list.goToPage", { page: n })}>
                {n}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Links to the same list as data: the filters carry over. */
export function Downloads({ links }: { links: { href: string; label: string }[] }) {
  const { t } = usePage();
  return (
    <p class="downloads">
      <span>{t("list.download")}</span>
      {links.map((l) => (
        <a key={l.href} href={l.href}>
          {l.label}
        </a>
      ))}
    </p>
  );
}

/** Where a fact comes from: a WTO document symbol or a web address. */
export function Source({ source }: { source: string }) {
  if (/^https?:\/\//.test(source)) {
    let host = source;
    try {
      host = new URL(source).host;
    } catch {
      // keep the text as it is
    }
    return <a href={source}>{host}</a>;
  }
  return <span class="symbol">{source}</span>;
}

/**
 * A form that changes something: always POST, always with the CSRF token of the page. Pages with
 * forms are never cached, so a missing token is a programming error, reported loudly.
 */
export function Form({
  action,
  children,
  class: className,
  label,
  upload,
}: { action: string; children: ComponentChildren; class?: string; label?: string; /** Carries a file (multipart; the CSRF field comes first, before the file). */ upload?: boolean }) {
  const { csrf } = usePage();
  if (!csrf) throw new Error(`form to ${action} on a page without a CSRF token (render it with { cache: false })`);
  return (
    <form method="post" action={action} class={className} aria-label={label} {...(upload ? { enctype: "multipart/form-data" } : {})}>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
    </form>
  );
}

/** A GET form of filters above a list; its values stay in the address, so results can be shared. */
export function Filters({ action, label, submit, children }: { action: string; label: string; submit: string; children: ComponentChildren }) {
  return (
    <form class="filters" method="get" action={action} role="search" aria-label={label}>
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

/** Asks before something that cannot be undone: what will happen, a button to do it, a way back. */
export function Confirm({ action, question, consequence, confirm, cancelHref }: { action: string; question: string; consequence: string; confirm: string; cancelHref: string }) {
  const { t } = usePage();
  return (
    <>
      <h1>{question}</h1>
      <p>{consequence}</p>
      <Form action={action} class="confirm">
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          {confirm}
        </button>{" "}
        <a href={cancelHref}>{t("form.cancel")}</a>
      </Form>
    </>
  );
}

/** "Last verified by … on …": how current a fact is, and who vouched for it. */
export function Verified({ on, by }: { on: string | null; by: string | null }) {
  const { t, lang } = usePage();
  if (!on) return <p class="verified verified-none">{t("verified.never")}</p>;
  return <p class="verified">{by ? t("verified.byOn", { who: by, date: formatDate(lang, on) }) : t("verified.on", { date: formatDate(lang, on) })}</p>;
}

export interface HistoryEntry {
  at: Date | string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** What changed in a record, field by field. */
export function changedFields(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, from: show(b[field]), to: show(a[field]) }));
}

/** One change, field by field: before struck through, after marked inserted. */
export function Changes({ before, after }: { before: unknown; after: unknown }) {
  return (
    <ul class="changes">
      {changedFields(before, after).map((c) => (
        <li key={c.field}>
          <code>{c.field}</code>: <del>{c.from}</del> → <ins>{c.to}</ins>
        </li>
      ))}
    </ul>
  );
}

/** The history of one record: who changed what, when, from what to what; a page at a time when `paging` says so. */
export function History({ entries, caption, paging }: { entries: HistoryEntry[]; caption?: string; paging?: { page: number; pages: number } }) {
  const { t, lang } = usePage();
  if (entries.length === 0) return <p>{t("history.none")}</p>;
  return (
    <>
      <DataTable
        caption={caption ?? t("history.caption")}
        rows={entries}
        rowKey={(e) => `${new Date(e.at).toISOString()}|${e.actor}|${JSON.stringify(e.after)}`}
        columns={[
          { header: t("history.when"), rowHeader: true, cell: (e) => formatDateTime(lang, e.at) },
          { header: t("history.who"), cell: (e) => e.actor },
          { header: t("history.what"), cell: (e) => t(`history.actions.${e.action}`) },
          {
            header: t("history.changes"),
            cell: (e) => <Changes before={e.before} after={e.after} />,
          },
        ]}
      />
      {paging && <Pagination page={paging.page} pages={paging.pages} query={new URLSearchParams()} param="history" hash="#history-title" label={t("history.pagination")} />}
    </>
  );
}

/** A message after a successful change (POST → redirect → GET with `?done=…`). */
export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}
