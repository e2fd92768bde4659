import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { Changes, DataTable, Downloads, ErrorSummary, Field, Filters, Pagination } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { AUDIT_ACTIONS, type AuditEntry } from "../schema.js";

/** The filters as the person typed them (kept when something is wrong). */
export interface AuditFilterInput {
  entity: string;
  entityId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export function AuditLogPage({ input, problems, entities, query, result }: {
  input: AuditFilterInput;
  problems: FieldProblem[];
  /** The kinds of record present in the log. */
  entities: string[];
  query: URLSearchParams;
  /** Absent when the filters could not be read. */
  result?: { items: AuditEntry[]; total: number; page: number; pages: number };
}) {
  const { t, lang } = usePage();
  const choices = input.entity && !entities.includes(input.entity) ? [...entities, input.entity] : entities;
  const download = (format: "csv" | "json") => {
    const s = query.toString();
    return `/api/v1/audit${format === "csv" ? ".csv" : ""}${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p class="lede">{t("audit.lede")}</p>
      <ErrorSummary problems={problems} />
      <Filters action={`/${lang}/admin/audit`} label={t("audit.filters")} submit={t("audit.apply")}>
        <Field name="entity" label={t("audit.fields.entity")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("audit.allEntities")}</option>
              {choices.map((e) => (
                <option key={e} value={e} selected={input.entity === e}>
                  {e}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="entityId" label={t("audit.fields.entityId")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.entityId} maxLength={200} />}
        </Field>
        <Field name="actor" label={t("audit.fields.actor")} hint={t("audit.actorHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="search" value={input.actor} maxLength={254} />}
        </Field>
        <Field name="action" label={t("audit.fields.action")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t("audit.allActions")}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a} selected={input.action === a}>
                  {t(`history.actions.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="from" label={t("audit.fields.from")} hint={t("audit.dayHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={input.from} />}
        </Field>
        <Field name="to" label={t("audit.fields.to")} hint={t("audit.dayHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={input.to} />}
        </Field>
      </Filters>
      {result && (
        <>
          <p aria-live="polite">{t("audit.count", { count: result.total })}</p>
          <DataTable
            caption={t("audit.caption")}
            rows={result.items}
            rowKey={(e) => String(e.id)}
            columns={[
              {
                header: t("audit.columns.when"),
                rowHeader: true,
                cell: (e) => <time dateTime={e.at}>{formatDateTime(lang, e.at)}</time>,
              },
              { header: t("audit.columns.who"), cell: (e) => e.actor },
              { header: t("audit.columns.action"), cell: (e) => t(`history.actions.${e.action}`) },
              {
                header: t("audit.columns.entity"),
                cell: (e) => (
                  <>
                    <code>{e.entity}</code> {e.entityId}
                  </>
                ),
              },
              {
                header: t("audit.columns.changes"),
                cell: (e) => <Changes before={e.before} after={e.after} />,
              },
            ]}
          />
          <Pagination page={result.page} pages={result.pages} query={query} />
          <Downloads
            links={[
              { href: download("csv"), label: t("list.csv") },
              { href: download("json"), label: t("list.json") },
            ]}
          />
        </>
      )}
    </>
  );
}
