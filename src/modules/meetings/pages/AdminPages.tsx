import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { EMPTY_TEXT, type StoredText } from "../../../i18n/content.js";
import { LANGS, type Lang } from "../../../i18n/lang.js";
import { choicesOf, DataTable, ErrorSummary, Field, Form, History, type HistoryEntry, Notice, Pagination, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import { AGENDA_TOPICS, ANNEXES, MEETING_FORMATS, MEETING_KINDS, type Meeting, type MeetingDetail, MeetingNotes, PRESENTER_KINDS, SLIDE_RESTRICTIONS } from "../schema.js";

/** A form as typed: every control is text until checked. */
export type MeetingFormInput = Record<string, string | undefined>;

/** The repeated parts of a meeting and the controls of each of their rows. */
export const ROW_FIELDS = {
  agenda: ["topic", "annex", "title_en", "title_fr", "title_es", "source"],
  speakers: ["name", "role", "economy_code", "organization_slug", "source"],
  presentations: ["id", "title_en", "title_fr", "title_es", "presenter_kind", "economy_code", "organization_slug", "presenter_name", "presenter_affiliation", "invited_by", "agenda_position", "source"],
  welcomed: ["economy_code", "source"],
} as const;
export type RowPart = keyof typeof ROW_FIELDS;
export const ROW_PARTS = Object.keys(ROW_FIELDS) as RowPart[];
export const MAIN_FIELDS = ["slug", "kind", "held_on", "starts_at", "time_zone", "format", "notice_symbol", "summary_symbol", "title_en", "title_fr", "title_es", "source"] as const;

export interface Choices {
  economies: { code: string; name: string }[];
  organizations: { slug: string; name: string }[];
}

export function MeetingsAdminPage({ list, query }: { list: { items: Meeting[]; total: number; page: number; pages: number }; query: URLSearchParams }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("meetings.admin.backToDashboard")}</a>
      </p>
      <h1>{t("meetings.admin.title")}</h1>
      <p>
        <a class="button" href={`/${lang}/admin/meetings/new`}>
          {t("meetings.admin.new")}
        </a>
      </p>
      <p aria-live="polite">{t("meetings.count", { count: list.total })}</p>
      {list.items.length === 0 ? (
        <p>{t("meetings.none")}</p>
      ) : (
        <DataTable
          caption={t("meetings.admin.caption")}
          rows={list.items}
          rowKey={(m) => String(m.id)}
          columns={[
            { header: t("meetings.date"), cell: (m) => formatDate(lang, m.date) },
            { header: t("meetings.meeting"), rowHeader: true, cell: (m) => <span lang={m.titleLang === lang ? undefined : m.titleLang}>{m.title}</span> },
            { header: t("meetings.kind"), cell: (m) => t(`meetings.kinds.${m.kind}`) },
            {
              header: t("meetings.admin.actions"),
              cell: (m) => (
                <a href={`/${lang}/admin/meetings/${m.id}`} aria-label={t("meetings.admin.editLabel", { title: m.title })}>
                  {t("meetings.admin.edit")}
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

const langOf = (field: string): Lang | undefined => /_(en|fr|es)$/.exec(field)?.[1] as Lang | undefined;

function Text({ name, label, input, problems, hint, max, type = "text" }: { name: string; label: string; input: MeetingFormInput; problems: FieldProblem[]; hint?: string; max?: number; type?: "text" | "date" | "number" }) {
  return (
    <Field name={name} label={label} hint={hint} problems={problems}>
      {(attrs) =>
        type === "date" ? (
          <input {...attrs} type="date" value={input[name] ?? ""} />
        ) : type === "number" ? (
          <input {...attrs} type="number" min={1} max={100} value={input[name] ?? ""} />
        ) : (
          <input {...attrs} type="text" value={input[name] ?? ""} maxLength={max} lang={langOf(name)} />
        )
      }
    </Field>
  );
}

function Choice({ name, label, input, problems, options, empty }: {
  name: string;
  label: string;
  input: MeetingFormInput;
  problems: FieldProblem[];
  options: readonly { value: string; label: string }[];
  empty?: string;
}) {
  const value = input[name] ?? "";
  // A value typed into the post that is not a choice stays visible, so the person sees what was refused.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return <SelectField name={name} label={label} problems={problems} choices={all} value={value} empty={empty} />;
}

/**
 * A member's code or an organization's identifier, typed or picked from the page's one list of
 * choices (a `datalist`: one list for every row keeps a meeting of many rows light).
 */
function Coded({ name, label, hint, input, problems, list, max }: { name: string; label: string; hint: string; input: MeetingFormInput; problems: FieldProblem[]; list: string; max: number }) {
  return (
    <Field name={name} label={label} hint={hint} problems={problems}>
      {(attrs) => <input {...attrs} type="text" list={list} value={input[name] ?? ""} maxLength={max} autoComplete="off" />}
    </Field>
  );
}

function Row({ part, n, input, problems }: { part: RowPart; n: number; input: MeetingFormInput; problems: FieldProblem[] }) {
  const { t } = usePage();
  const name = (field: string) => `${part}.${n}.${field}`;
  const label = (field: string) => t(`meetings.admin.rowFields.${field}`);
  const none = t("meetings.admin.none");
  const text = (field: string, max: number) => <Text key={field} name={name(field)} label={label(field)} input={input} problems={problems} max={max} />;
  return (
    <fieldset class="row" id={`${part}-${n}`}>
      <legend>{t(`meetings.admin.rowLegend.${part}`, { n })}</legend>
      {ROW_FIELDS[part].map((field) => {
        switch (field) {
          case "id":
            // Which presentation on record the row is: its slides stay with it when the list changes.
            return input[name(field)] ? <input key={field} type="hidden" name={name(field)} value={input[name(field)]} /> : null;
          case "topic":
            return <Choice key={field} name={name(field)} label={label(field)} input={input} problems={problems} options={AGENDA_TOPICS.map((v) => ({ value: v, label: t(`meetings.topics.${v}`) }))} />;
          case "annex":
            return <Choice key={field} name={name(field)} label={label(field)} input={input} problems={problems} empty={none} options={ANNEXES.map((a) => ({ value: String(a), label: t("meetings.annexOf", { annex: a }) }))} />;
          case "presenter_kind":
            return <Choice key={field} name={name(field)} label={label(field)} input={input} problems={problems} options={PRESENTER_KINDS.map((v) => ({ value: v, label: t(`meetings.presenterKinds.${v}`) }))} />;
          case "economy_code":
          case "invited_by":
            return <Coded key={field} name={name(field)} label={label(field)} hint={t("meetings.admin.hints.economy")} input={input} problems={problems} list="economy-choices" max={2} />;
          case "organization_slug":
            return <Coded key={field} name={name(field)} label={label(field)} hint={t("meetings.admin.hints.organization")} input={input} problems={problems} list="organization-choices" max={31} />;
          case "agenda_position":
            return <Text key={field} name={name(field)} label={label(field)} input={input} problems={problems} type="number" />;
          case "source":
            return text(field, 500);
          default:
            return text(field, field.startsWith("title") ? 300 : 200);
        }
      })}
    </fieldset>
  );
}

const megabytes = (size: number) => Math.max(0.1, Math.round((size / (1024 * 1024)) * 10) / 10);

/** The slides of each presentation on record, and the form that adds one (a PDF or a PPTX per language). */
export function SlidesForm({ meeting, input, problems }: { meeting: MeetingDetail; input: Record<string, string>; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  const chosen = (name: string, fallback: string) => input[name] ?? fallback;
  return (
    <section aria-labelledby="slides-title">
      <h2 id="slides-title">{t("meetings.admin.slides.title")}</h2>
      {meeting.presentations.length === 0 ? (
        <p>{t("meetings.admin.slides.noPresentations")}</p>
      ) : (
        <>
          <ul>
            {meeting.presentations.map((p) => (
              <li key={p.id}>
                <span lang={p.titleLang === lang ? undefined : p.titleLang}>{p.title}</span>
                {": "}
                {p.slides.length === 0
                  ? t("meetings.admin.slides.none")
                  : p.slides.map((f, i) => (
                      <span key={f.lang}>
                        {i > 0 && ", "}
                        <a href={f.url}>{t("meetings.slidesIn", { language: t(`content.languages.${f.lang}`), kind: f.kind.toUpperCase(), size: megabytes(f.size) })}</a>
                        {f.restriction === "restricted" && <> ({f.restrictedUntil ? t("meetings.admin.slides.restrictedUntil", { date: formatDate(lang, f.restrictedUntil) }) : t("meetings.admin.slides.restricted")})</>}
                      </span>
                    ))}
              </li>
            ))}
          </ul>
          <ErrorSummary problems={problems} idPrefix="upload-" />
          <Form action={`/${lang}/admin/meetings/${meeting.id}/slides`} upload label={t("meetings.admin.slides.upload")}>
            <Field name="presentation" idPrefix="upload-" label={t("meetings.admin.slides.presentation")} problems={problems}>
              {(attrs) => (
                <select {...attrs}>
                  {meeting.presentations.map((p) => (
                    <option key={p.id} value={String(p.id)} selected={chosen("presentation", "") === String(p.id)}>
                      {`${p.position}. ${p.title}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <SelectField name="version" idPrefix="upload-" label={t("meetings.admin.slides.version")} problems={problems} choices={choicesOf(LANGS, (l) => t(`content.languages.${l}`))} value={chosen("version", lang)} />
            <SelectField name="restriction" idPrefix="upload-" label={t("meetings.admin.slides.access")} hint={t("meetings.admin.slides.accessHint")} problems={problems} choices={choicesOf(SLIDE_RESTRICTIONS, (r) => t(`meetings.admin.slides.restrictions.${r}`))} value={chosen("restriction", "public")} />
            <Field name="restricted_until" idPrefix="upload-" label={t("meetings.admin.slides.until")} hint={t("meetings.admin.slides.untilHint")} problems={problems}>
              {(attrs) => <input {...attrs} type="date" value={input.restricted_until ?? ""} />}
            </Field>
            <Field name="source" idPrefix="upload-" label={t("meetings.admin.rowFields.source")} hint={t("meetings.admin.slides.sourceHint")} problems={problems}>
              {(attrs) => <input {...attrs} type="text" value={input.source ?? ""} maxLength={500} required />}
            </Field>
            <Field name="file" idPrefix="upload-" label={t("meetings.admin.slides.file")} hint={t("meetings.admin.slides.fileHint")} problems={problems}>
              {(attrs) => <input {...attrs} type="file" accept=".pdf,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.presentationml.presentation" required />}
            </Field>
            <p>
              <button type="submit">{t("meetings.admin.slides.upload")}</button>
            </p>
          </Form>
        </>
      )}
    </section>
  );
}

export function MeetingFormPage({ meeting, notes = EMPTY_TEXT, input, problems, rows, choices, history, notice, uploads }: {
  /** Absent when creating. */
  meeting?: Meeting;
  notes?: StoredText;
  input: MeetingFormInput;
  problems: FieldProblem[];
  /** How many rows of each part the form shows (the filled ones and some empty ones). */
  rows: Record<RowPart, number>;
  choices: Choices;
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
  /** The slides and their upload form, for a meeting on record. */
  uploads?: preact.ComponentChildren;
}) {
  const { t, lang } = usePage();
  const title = meeting ? t("meetings.admin.editTitle", { title: meeting.title }) : t("meetings.admin.newTitle");
  const action = meeting ? `/${lang}/admin/meetings/${meeting.id}` : `/${lang}/admin/meetings`;
  const label = (field: string) => t(`meetings.admin.fields.${field}`);
  const none = t("meetings.admin.none");
  return (
    <>
      <p>
        <a href={`/${lang}/admin/meetings`}>{t("meetings.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {meeting && (
        <p>
          <a href={`/${lang}/meetings/${meeting.slug}`}>{t("meetings.admin.publicPage")}</a>
        </p>
      )}
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={title}>
        {/* The first button is the one Enter presses: saving, not adding a row. */}
        <p>
          <button type="submit">{meeting ? t("form.save") : t("meetings.admin.create")}</button>
        </p>
        <fieldset>
          <legend>{t("meetings.admin.main")}</legend>
          <Choice name="kind" label={label("kind")} input={input} problems={problems} options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))} />
          <Text name="held_on" label={label("held_on")} input={input} problems={problems} type="date" />
          <Text name="slug" label={label("slug")} hint={t("meetings.admin.hints.slug")} input={input} problems={problems} max={60} />
          <Text name="starts_at" label={label("starts_at")} hint={t("meetings.admin.hints.startsAt")} input={input} problems={problems} max={5} />
          <Text name="time_zone" label={label("time_zone")} hint={t("meetings.admin.hints.timeZone")} input={input} problems={problems} max={60} />
          <Choice name="format" label={label("format")} input={input} problems={problems} empty={none} options={MEETING_FORMATS.map((f) => ({ value: f, label: t(`meetings.formats.${f}`) }))} />
          <Text name="notice_symbol" label={label("notice_symbol")} hint={t("meetings.admin.hints.symbol")} input={input} problems={problems} max={120} />
          <Text name="summary_symbol" label={label("summary_symbol")} hint={t("meetings.admin.hints.symbol")} input={input} problems={problems} max={120} />
          {LANGS.map((l) => (
            <Text key={l} name={`title_${l}`} label={t("meetings.admin.fields.title", { language: t(`content.languages.${l}`) })} hint={l === "en" ? t("meetings.admin.hints.title") : undefined} input={input} problems={problems} max={200} />
          ))}
          <Text name="source" label={label("source")} hint={t("meetings.admin.hints.source")} input={input} problems={problems} max={500} />
        </fieldset>
        <TranslatableField name="notes" label={label("notes")} stored={notes} input={input} problems={problems} max={maxLengthOf(MeetingNotes.text)} />
        {ROW_PARTS.map((part) => (
          <section key={part} aria-labelledby={`${part}-title`}>
            <h2 id={`${part}-title`}>{t(`meetings.admin.parts.${part}`)}</h2>
            <p class="hint">{t("meetings.admin.rowsHint")}</p>
            {Array.from({ length: rows[part] }, (_, i) => (
              <Row key={i} part={part} n={i + 1} input={input} problems={problems} />
            ))}
            <input type="hidden" name={`_rows.${part}`} value={String(rows[part])} />
            <p>
              <button type="submit" name="_more" value={part} class="secondary">
                {t(`meetings.admin.more.${part}`)}
              </button>
            </p>
          </section>
        ))}
        <p>
          <button type="submit">{meeting ? t("form.save") : t("meetings.admin.create")}</button>
        </p>
        <datalist id="economy-choices">
          {choices.economies.map((e) => (
            <option key={e.code} value={e.code}>
              {e.name}
            </option>
          ))}
        </datalist>
        <datalist id="organization-choices">
          {choices.organizations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
        </datalist>
      </Form>
      {uploads}
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}
