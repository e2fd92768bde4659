import type { FieldProblem } from "../../../errors.js";
import { DataTable, ErrorSummary, Field, Filters, Form, History, type HistoryEntry, Notice, Pagination, type Choice, choicesOf, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { ANNEXES, CONFIRMATIONS, type ImplementationItem, MEASURES, type PackageCount, PRECISIONS, STATUSES } from "../schema.js";
import { CountLine, EvidenceList, RecordDate } from "./parts.js";

export const FORM_FIELDS = [
  "economy",
  "annex",
  "status",
  "status_on",
  "status_precision",
  "evidence_document",
  "evidence_tpr",
  "evidence_url",
  "meeting_on",
  "meeting_symbol",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export const EDIT_FIELDS = FORM_FIELDS.filter((f) => f !== "economy" && f !== "annex");
export type RecordFormInput = Partial<Record<FormField, string>>;

const MAX: Partial<Record<FormField, number>> = { evidence_document: 100, evidence_tpr: 200, evidence_url: 300, meeting_symbol: 100 };

export function RecordsAdminPage({ list, input, query, secretariat, notice }: {
  list: { items: ImplementationItem[]; total: number; page: number; pages: number };
  input: Record<"confirmation" | "annex" | "member", string>;
  query: URLSearchParams;
  secretariat: boolean;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("package.admin.backToDashboard")}</a>
      </p>
      <h1>{t("package.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{secretariat ? t("package.admin.ledeSecretariat") : t("package.admin.ledeDelegate")}</p>
      <p>
        <a class="button" href={`/${lang}/admin/package/new`}>
          {t("package.admin.new")}
        </a>
        {secretariat && (
          <>
            {" "}
            <a href={`/${lang}/admin/package/counts`}>{t("package.admin.countsLink")}</a>
          </>
        )}
      </p>
      <Filters action={`/${lang}/admin/package`} label={t("package.filters")} submit={t("package.apply")}>
        <SelectField
          name="confirmation"
          label={t("package.admin.confirmation")}
          empty={t("package.admin.allConfirmations")}
          choices={choicesOf(CONFIRMATIONS, (c) => t(`package.confirmations.${c}`))}
          value={input.confirmation}
        />
        <SelectField name="annex" label={t("package.annex")} empty={t("package.allAnnexes")} choices={choicesOf(ANNEXES, (a) => t("package.annexN", { annex: a }))} value={input.annex} />
        {secretariat && (
          <Field name="member" label={t("package.member")} hint={t("package.memberHint")}>
            {(attrs) => <input {...attrs} type="text" value={input.member} maxLength={2} size={4} autoComplete="off" />}
          </Field>
        )}
      </Filters>
      <p aria-live="polite">{t("package.admin.count", { count: list.total })}</p>
      {list.items.length > 0 && (
        <DataTable
          caption={t("package.admin.caption")}
          rows={list.items}
          rowKey={(r) => String(r.id)}
          columns={[
            { header: t("package.member"), rowHeader: true, cell: (r) => r.memberName },
            { header: t("package.annex"), cell: (r) => r.annex },
            { header: t("package.status"), cell: (r) => t(`package.statuses.${r.status}`) },
            { header: t("package.date"), cell: (r) => <RecordDate item={r} /> },
            { header: t("package.admin.confirmation"), cell: (r) => t(`package.confirmations.${r.confirmation}`) },
            {
              header: t("package.admin.edit"),
              cell: (r) => (
                <a href={`/${lang}/admin/package/${r.id}`} aria-label={t("package.admin.editLabel", { name: r.memberName, annex: r.annex })}>
                  {t("package.admin.edit")}
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

function RecordField({ field, input, problems, economies }: { field: FormField; input: RecordFormInput; problems: FieldProblem[]; economies: { code: string; name: string }[] }) {
  const { t } = usePage();
  const value = input[field] ?? "";
  const label = t(`package.admin.fields.${field}`);
  const hintKey = `package.admin.hints.${field}`;
  const hint = ["status_on", "evidence_document", "evidence_tpr", "evidence_url", "meeting_symbol"].includes(field) ? t(hintKey) : undefined;
  const options = (choices: Choice[], empty = false) => (
    <SelectField name={field} label={label} hint={hint} problems={problems} choices={choices} value={value} empty={empty ? "—" : undefined} />
  );
  switch (field) {
    case "economy":
      return options(economies.map((e) => ({ value: e.code, label: e.name })));
    case "annex":
      return options(ANNEXES.map((a) => ({ value: String(a), label: t("package.annexLabel", { annex: a, title: t(`package.annexes.${a}.title`) }) })));
    case "status":
      return options(STATUSES.map((s) => ({ value: s, label: t(`package.statuses.${s}`) })));
    case "status_precision":
      return options(PRECISIONS.map((p) => ({ value: p, label: t(`package.admin.precisions.${p}`) })));
    case "status_on":
    case "meeting_on":
      return (
        <Field name={field} label={label} hint={hint} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={value} />}
        </Field>
      );
    case "evidence_url":
      return (
        <Field name={field} label={label} hint={hint} problems={problems}>
          {(attrs) => <input {...attrs} type="url" value={value} maxLength={MAX[field]} autoComplete="off" />}
        </Field>
      );
    default:
      return (
        <Field name={field} label={label} hint={hint} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} maxLength={MAX[field]} autoComplete="off" />}
        </Field>
      );
  }
}

export function RecordFormPage({ item, economies = [], input, problems, history, notice, mayConfirm }: {
  /** Absent when creating. */
  item?: ImplementationItem;
  economies?: { code: string; name: string }[];
  input: RecordFormInput;
  problems: FieldProblem[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
  mayConfirm?: boolean;
}) {
  const { t, lang } = usePage();
  const title = item ? t("package.admin.editTitle", { name: item.memberName, annex: item.annex }) : t("package.admin.newTitle");
  const fields = item ? EDIT_FIELDS : FORM_FIELDS;
  const action = item ? `/${lang}/admin/package/${item.id}` : `/${lang}/admin/package`;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/package`}>{t("package.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {item && (
        <>
          <EvidenceList item={item} />
          <p>
            <a href={`/${lang}/package/${item.member}`}>{t("package.admin.publicPage")}</a>
          </p>
        </>
      )}
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={title}>
        {fields.map((field) => (
          <RecordField key={field} field={field} input={input} problems={problems} economies={economies} />
        ))}
        <p>
          <button type="submit">{item ? t("package.admin.save") : t("package.admin.create")}</button>
        </p>
      </Form>
      {item && (
        <>
          <section aria-labelledby="verify-title">
            <h2 id="verify-title">{t("package.admin.verifyTitle")}</h2>
            <p>{t("package.admin.verifyHint")}</p>
            <Form action={`/${lang}/admin/package/${item.id}/verify`} label={t("package.admin.verify")}>
              <button type="submit">{t("package.admin.verify")}</button>
            </Form>
          </section>
          {mayConfirm && (
            <section aria-labelledby="confirm-title">
              <h2 id="confirm-title">{t("package.admin.confirmTitle")}</h2>
              <p>{t("package.admin.confirmHint")}</p>
              <Form action={`/${lang}/admin/package/${item.id}/confirm`} label={t("package.admin.confirm")}>
                <button type="submit">{t("package.admin.confirm")}</button>
              </Form>
            </section>
          )}
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

export const COUNT_FIELDS = ["annex", "measure", "count", "as_of", "as_of_precision", "meeting_symbol", "source"] as const;

/** The counts reported without names, and the Secretariat's form to record one. */
export function CountsAdminPage({ counts, input, problems, notice }: { counts: PackageCount[]; input: Partial<Record<(typeof COUNT_FIELDS)[number], string>>; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  const label = (f: string) => t(`package.admin.countFields.${f}`);
  const select = (name: (typeof COUNT_FIELDS)[number], choices: Choice[]) => (
    <SelectField name={name} label={label(name)} problems={problems} choices={choices} value={input[name]} />
  );
  return (
    <>
      <p>
        <a href={`/${lang}/admin/package`}>{t("package.admin.back")}</a>
      </p>
      <h1>{t("package.admin.countsTitle")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{t("package.admin.countsLede")}</p>
      <ul class="counts">
        {counts.map((c) => (
          <CountLine key={`${c.annex}-${c.measure}-${c.asOf}`} count={c} />
        ))}
      </ul>
      <h2>{t("package.admin.addCount")}</h2>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/admin/package/counts`} class="stack" label={t("package.admin.addCount")}>
        {select("annex", ANNEXES.map((a) => ({ value: String(a), label: t("package.annexN", { annex: a }) })))}
        {select("measure", MEASURES.map((m) => ({ value: m, label: t(`package.admin.measureNames.${m}`) })))}
        <Field name="count" label={label("count")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" value={input.count ?? ""} maxLength={4} />}
        </Field>
        <Field name="as_of" label={label("as_of")} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={input.as_of ?? ""} />}
        </Field>
        {select("as_of_precision", PRECISIONS.map((p) => ({ value: p, label: t(`package.admin.precisions.${p}`) })))}
        <Field name="meeting_symbol" label={label("meeting_symbol")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.meeting_symbol ?? ""} maxLength={100} autoComplete="off" />}
        </Field>
        <Field name="source" label={label("source")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.source ?? ""} maxLength={500} />}
        </Field>
        <p>
          <button type="submit">{t("package.admin.addCount")}</button>
        </p>
      </Form>
    </>
  );
}
