import type { FieldProblem } from "../../../errors.js";
import { EMPTY_TEXT, type StoredText } from "../../../i18n/content.js";
import { DataTable, ErrorSummary, Field, Form, History, type HistoryEntry, Notice, Pagination, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { lengthOf, maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import { EVENT_FORMATS, EVENT_KINDS, EVENT_PRECISIONS, type Event, EventCreateInput, Summary, Title } from "../schema.js";
import { EventWhen } from "./parts.js";

/** What a form shows, as typed (the title and summary are a control per language: `title.en.text`, …). */
export type EventFormInput = Partial<Record<string, string>>;

/** The plain fields of the form, in the order a person fills them in. */
export const EVENT_FORM_FIELDS = [
  "kind",
  "precision",
  "date",
  "start_time",
  "end_time",
  "time_zone",
  "format",
  "languages",
  "location",
  "registration_url",
  "recording_url",
  "related_meetings",
  "related_guides",
  "source",
  "title_written_by_us",
] as const;

export function EventsAdminPage({ list, notice }: { list: { items: Event[]; total: number; page: number; pages: number }; notice?: string }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("events.admin.backToDashboard")}</a>
      </p>
      <h1>{t("events.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button" href={`/${lang}/admin/events/new`}>
          {t("events.admin.new")}
        </a>
      </p>
      <p aria-live="polite">{t("events.count", { count: list.total })}</p>
      <DataTable
        caption={t("events.admin.caption")}
        rows={list.items}
        rowKey={(e) => e.id}
        columns={[
          { header: t("events.event"), rowHeader: true, cell: (e) => <span lang={e.titleLang === lang ? undefined : e.titleLang}>{e.title}</span> },
          { header: t("events.when"), cell: (e) => <EventWhen event={e} short /> },
          { header: t("events.kind"), cell: (e) => t(`events.kinds.${e.kind}`) },
          {
            header: t("events.admin.actions"),
            cell: (e) => (
              <a href={`/${lang}/admin/events/${e.id}`} aria-label={t("events.admin.editLabel", { title: e.title })}>
                {t("events.admin.edit")}
              </a>
            ),
          },
        ]}
      />
      <Pagination page={list.page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

function Select({ name, label, value, options, problems, empty }: { name: string; label: string; value: string; options: readonly { value: string; label: string }[]; problems: FieldProblem[]; empty?: string }) {
  return <SelectField name={name} label={label} problems={problems} choices={options} value={value} empty={empty} />;
}

export function EventFormPage({ event, title = EMPTY_TEXT, summary = EMPTY_TEXT, input, problems, history, notice }: {
  /** Absent when creating. */
  event?: Event;
  title?: StoredText;
  summary?: StoredText;
  input: EventFormInput;
  problems: FieldProblem[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
}) {
  const { t, lang } = usePage();
  const heading = event ? t("events.admin.editTitle", { title: event.title }) : t("events.admin.newTitle");
  const v = (field: string) => input[field] ?? "";
  const text = (field: string, type: "text" | "date" | "time" | "url" = "text", hint?: string) => (
    <Field name={field} label={t(`events.admin.fields.${field}`)} hint={hint} problems={problems}>
      {(attrs) => <input {...attrs} {...({ type } as { type: "text" })} value={v(field)} {...lengthOf(EventCreateInput, field)} />}
    </Field>
  );
  return (
    <>
      <p>
        <a href={`/${lang}/admin/events`}>{t("events.admin.back")}</a>
      </p>
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      {event && (
        <p>
          <a href={`/${lang}/events/${event.id}`}>{t("events.admin.publicPage")}</a>
          {" · "}
          <a href={`/${lang}/admin/events/${event.id}/delete`}>{t("events.admin.deleteLink")}</a>
        </p>
      )}
      <ErrorSummary problems={problems} />
      <Form action={event ? `/${lang}/admin/events/${event.id}` : `/${lang}/admin/events`} class="stack" label={heading}>
        {!event && (
          <Field name="slug" label={t("events.admin.fields.slug")} hint={t("events.admin.hints.slug")} problems={problems}>
            {(attrs) => <input {...attrs} type="text" value={v("slug")} required {...lengthOf(EventCreateInput, "slug")} autoComplete="off" />}
          </Field>
        )}
        <TranslatableField name="title" label={t("events.admin.fields.title")} stored={title} input={input} problems={problems} max={maxLengthOf(Title.text)} />
        <TranslatableField name="summary" label={t("events.admin.fields.summary")} stored={summary} input={input} problems={problems} max={maxLengthOf(Summary.text)} />
        <Select name="kind" label={t("events.kind")} value={v("kind")} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))} problems={problems} />
        <Select
          name="precision"
          label={t("events.admin.fields.precision")}
          value={v("precision")}
          options={EVENT_PRECISIONS.map((p) => ({ value: p, label: t(`events.precisions.${p}`) }))}
          problems={problems}
        />
        {text("date", "date", t("events.admin.hints.date"))}
        {text("start_time", "time", t("events.admin.hints.time"))}
        {text("end_time", "time")}
        {text("time_zone", "text", t("events.admin.hints.timeZone"))}
        <Select
          name="format"
          label={t("events.format")}
          value={v("format")}
          empty={t("events.admin.notKnown")}
          options={EVENT_FORMATS.map((f) => ({ value: f, label: t(`events.formats.${f}`) }))}
          problems={problems}
        />
        {text("languages", "text", t("events.admin.hints.languages"))}
        {text("location")}
        {text("registration_url", "url", t("events.admin.hints.https"))}
        {text("recording_url", "url", t("events.admin.hints.https"))}
        {text("related_meetings", "text", t("events.admin.hints.meetings"))}
        {text("related_guides", "text", t("events.admin.hints.guides"))}
        {text("source", "text", t("events.admin.hints.source"))}
        <div class="field">
          <label>
            <input type="checkbox" name="title_written_by_us" value="yes" checked={v("title_written_by_us") === "yes"} /> {t("events.admin.fields.title_written_by_us")}
          </label>
        </div>
        <p>
          <button type="submit">{event ? t("form.save") : t("events.admin.create")}</button>
        </p>
      </Form>
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}
