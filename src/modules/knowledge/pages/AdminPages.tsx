import type { FieldProblem } from "../../../errors.js";
import { EMPTY_TEXT, type StoredText, type TextStatus } from "../../../i18n/content.js";
import { LANGS, type Lang } from "../../../i18n/lang.js";
import { DataTable, ErrorSummary, Field, Filters, Form, History, type HistoryEntry, Notice, Pagination, Verified, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import type { DiffPart } from "../diff.js";
import { type ItemView, KINDS, type Section } from "../items.js";
import { AUDIENCES, COSTS, GuideBody, type GuideItem, STATUSES, TRACKS } from "../schema.js";
import type { QueueEntry } from "../service.js";

export type FormInput = Partial<Record<string, string>>;

/** The back office's list of the guides a person may edit. */
export function GuidesAdminPage({ list, mayCreate, notice }: { list: { items: GuideItem[]; total: number; page: number; pages: number }; mayCreate: boolean; notice?: string }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("knowledge.admin.guidesTitle")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        {mayCreate && <a href={`/${lang}/admin/guides/new`}>{t("knowledge.admin.newGuide")}</a>} · <a href={`/${lang}/admin/translations`}>{t("knowledge.admin.queueTitle")}</a>
      </p>
      <DataTable
        caption={t("knowledge.admin.guidesCaption", { count: list.total })}
        rows={list.items}
        rowKey={(g) => g.slug}
        columns={[
          { header: t("knowledge.admin.guide"), rowHeader: true, cell: (g) => <a href={`/${lang}/admin/guides/${g.slug}`}>{g.title}</a> },
          { header: t("knowledge.admin.status"), cell: (g) => t(`knowledge.statuses.${g.status}`) },
          { header: t("knowledge.owner"), cell: (g) => g.owner.name },
          { header: t("knowledge.verification"), cell: (g) => (g.verified ? g.verified.on : t("verified.never")) },
          ...LANGS.map((l) => ({ header: t(`content.languages.${l}`), cell: (g: GuideItem) => t(`content.status.${g.translations[l].status}`) })),
        ]}
      />
      <Pagination page={list.page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

export interface GuideFormProps {
  /** Absent when creating. */
  guide?: GuideItem;
  body?: StoredText;
  input: FormInput;
  problems: FieldProblem[];
  owners: { value: string; label: string }[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
  /** The typed text rendered, per language, when the editor asked for a preview. */
  preview?: PreviewEntry[];
}

function Select({ name, label, value, options, problems, hint }: { name: string; label: string; value: string; options: { value: string; label: string }[]; problems: FieldProblem[]; hint?: string }) {
  return <SelectField name={name} label={label} hint={hint} problems={problems} choices={options} value={value} />;
}

function Text({ name, label, hint, value, problems, max = 3000 }: { name: string; label: string; hint?: string; value: string; problems: FieldProblem[]; max?: number }) {
  return <Field name={name} label={label} hint={hint} problems={problems}>{(attrs) => <input {...attrs} type="text" value={value} maxLength={max} autoComplete="off" />}</Field>;
}

export function GuideFormPage({ guide, body = EMPTY_TEXT, input, problems, owners, history, notice, preview }: GuideFormProps) {
  const { t, lang } = usePage();
  const title = guide ? t("knowledge.admin.editTitle", { title: guide.title }) : t("knowledge.admin.newGuide");
  const action = guide ? `/${lang}/admin/guides/${guide.slug}` : `/${lang}/admin/guides`;
  const v = (name: string) => input[name] ?? "";
  return (
    <>
      <p>
        <a href={`/${lang}/admin/guides`}>{t("knowledge.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {guide && (
        <>
          <Verified on={guide.verified?.on ?? null} by={guide.verified?.by ?? null} />
          <p>
            {guide.status === "published" ? <a href={`/${lang}/guides/${guide.slug}`}>{t("knowledge.admin.publicPage")}</a> : t("knowledge.admin.draftHint")} ·{" "}
            <a href={`/${lang}/admin/guides/${guide.slug}/preview`}>{t("knowledge.admin.previewSaved")}</a>
          </p>
        </>
      )}
      <ErrorSummary problems={problems} />
      {preview && <PreviewSection preview={preview} />}
      <Form action={action} class="stack" label={title}>
        {!guide && <Text name="slug" label={t("knowledge.admin.fields.slug")} hint={t("knowledge.admin.hints.slug")} value={v("slug")} problems={problems} max={81} />}
        <TranslatableField name="body" label={t("knowledge.admin.fields.body")} hint={t("knowledge.admin.hints.body", { max: maxLengthOf(GuideBody.text) ?? "" })} stored={body} input={input} problems={problems} max={maxLengthOf(GuideBody.text)} />
        <Select name="audience" label={t("knowledge.admin.fields.audience")} value={v("audience")} problems={problems} options={AUDIENCES.map((a) => ({ value: a, label: t(`knowledge.audiences.${a}`) }))} />
        <Select name="track" label={t("knowledge.admin.fields.track")} value={v("track")} problems={problems} options={[{ value: "", label: t("knowledge.tracks.none") }, ...TRACKS.map((x) => ({ value: x, label: t(`knowledge.tracks.${x}`) }))]} />
        <div class="checkbox">
          <input type="checkbox" id="field-steps" name="steps" value="yes" checked={v("steps") === "yes"} />
          <label for="field-steps">{t("knowledge.admin.fields.steps")}</label>
        </div>
        <Select name="owner" label={t("knowledge.owner")} value={v("owner")} problems={problems} options={owners} />
        <Select name="status" label={t("knowledge.admin.status")} hint={t("knowledge.admin.hints.status")} value={v("status") || "draft"} problems={problems} options={STATUSES.map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) }))} />
        <Text name="topics" label={t("knowledge.admin.fields.topics")} hint={t("knowledge.admin.hints.slugs")} value={v("topics")} problems={problems} />
        <Text name="tools" label={t("knowledge.admin.fields.tools")} hint={t("knowledge.admin.hints.slugs")} value={v("tools")} problems={problems} />
        <Text name="glossary" label={t("knowledge.admin.fields.glossary")} hint={t("knowledge.admin.hints.slugs")} value={v("glossary")} problems={problems} />
        <Text name="related" label={t("knowledge.admin.fields.related")} hint={t("knowledge.admin.hints.slugs")} value={v("related")} problems={problems} />
        <Field name="sources" label={t("knowledge.admin.fields.sources")} hint={t("knowledge.admin.hints.sources")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={3} maxLength={10000}>
              {v("sources")}
            </textarea>
          )}
        </Field>
        <p class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            {t("knowledge.admin.preview")}
          </button>{" "}
          <button type="submit" name="action" value="save">
            {guide ? t("form.save") : t("knowledge.admin.create")}
          </button>
        </p>
      </Form>
      {guide && (
        <section aria-labelledby="verification-title">
          <h2 id="verification-title">{t("knowledge.verification")}</h2>
          <p>{t("knowledge.admin.verifyHint")}</p>
          <Form action={`/${lang}/admin/guides/${guide.slug}/verify`} label={t("verified.action")}>
            <button type="submit">{t("verified.action")}</button>
          </Form>
        </section>
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

// ---- Translations ---------------------------------------------------------------------------------

export function TranslationQueuePage({ entries, input, owners }: { entries: QueueEntry[]; input: Record<string, string>; owners: { value: string; label: string }[] }) {
  const { t, lang } = usePage();
  const languages = [{ value: "", label: t("knowledge.admin.anyLanguage") }, ...LANGS.map((l) => ({ value: l, label: t(`content.languages.${l}`) }))];
  const counts = LANGS.map((l) => ({ lang: l, missing: entries.filter((e) => e.lang === l && e.status === "missing").length, outdated: entries.filter((e) => e.lang === l && e.status === "outdated").length }));
  return (
    <>
      <h1>{t("knowledge.admin.queueTitle")}</h1>
      <p class="lede">{t("knowledge.admin.queueLede")}</p>
      <Filters action={`/${lang}/admin/translations`} label={t("knowledge.admin.queueFilters")} submit={t("knowledge.admin.filter")}>
        <Select name="language" label={t("knowledge.admin.language")} value={input.language ?? ""} options={languages} problems={[]} />
        <Select name="owner" label={t("knowledge.owner")} value={input.owner ?? ""} options={[{ value: "", label: t("knowledge.admin.anyOwner") }, ...owners]} problems={[]} />
      </Filters>
      <ul class="counts">
        {counts.map((c) => (
          <li key={c.lang}>{t("knowledge.admin.queueCount", { language: t(`content.languages.${c.lang}`), missing: c.missing, outdated: c.outdated })}</li>
        ))}
      </ul>
      {entries.length === 0 ? (
        <p>{t("knowledge.admin.queueEmpty")}</p>
      ) : (
        <DataTable
          caption={t("knowledge.admin.queueCaption", { count: entries.length })}
          rows={entries}
          rowKey={(e) => `${e.kind}/${e.slug}/${e.lang}`}
          columns={[
            {
              header: t("knowledge.admin.item"),
              rowHeader: true,
              cell: (e) => (
                <a href={`/${lang}${e.href}/${e.lang}`} lang={e.titleLang === lang ? undefined : e.titleLang}>
                  {e.title}
                </a>
              ),
            },
            { header: t("knowledge.admin.kind"), cell: (e) => t(`knowledge.kinds.${e.kind}`) },
            { header: t("knowledge.admin.language"), cell: (e) => t(`content.languages.${e.lang}`) },
            { header: t("knowledge.admin.status"), cell: (e) => <span class={`translation-status status-${e.status}`}>{t(`content.status.${e.status}`)}</span> },
            { header: t("knowledge.owner"), cell: (e) => e.owner },
          ]}
        />
      )}
    </>
  );
}

export function Diff({ parts }: { parts: DiffPart[] }) {
  const { t } = usePage();
  return (
    <pre class="diff">
      {parts.map((p, i) =>
        p.op === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.op === "added" ? (
          <ins key={i}>
            <span class="visually-hidden">[{t("knowledge.admin.added")}] </span>
            {p.text}
          </ins>
        ) : (
          <del key={i}>
            <span class="visually-hidden">[{t("knowledge.admin.removed")}] </span>
            {p.text}
          </del>
        ),
      )}
    </pre>
  );
}

/** One text of the side-by-side editor: its source now, what changed in it since the translation, and the translation's field. */
export interface TranslatedText {
  /** The form field of the translation (`text` when the kind has one text). */
  field: string;
  /** The "still matches the source" box's name. */
  matchesField: string;
  /** Its label, when the kind has several texts (a glossary term's term and definition). */
  label?: string;
  sourceText: string;
  status: TextStatus;
  /** What changed in the source since the translation; null when its basis is not on record. */
  diff: DiffPart[] | null;
  max?: number;
  rows: number;
}

/**
 * The side-by-side editor of one translation of any kind (a guide's body; a topic's, term's or
 * tool's two texts): per text, the changes to the source since the translation was made, the
 * source and the translation, in one form.
 */
export function TranslationEditorPage({ title, action, editPath, editLabel, target, source, texts, input, problems, notice }: {
  title: string;
  editLabel: string;
  /** Where the form posts. */
  action: string;
  /** The item's own edit page, after `/{lang}`. */
  editPath: string;
  target: Lang;
  source: Lang;
  texts: TranslatedText[];
  input: FormInput;
  problems: FieldProblem[];
  notice?: string;
}) {
  const { t, lang } = usePage();
  const language = (l: Lang) => t(`content.languages.${l}`);
  const heading = t("knowledge.admin.translateTitle", { title, language: language(target) });
  const worst = texts.some((x) => x.status === "outdated") ? "outdated" : texts.some((x) => x.status === "missing") ? "missing" : (texts[0]?.status ?? "missing");
  const id = (x: TranslatedText, what: string) => (texts.length === 1 ? what : `${what}-${x.field}`);
  // One text: its parts are the page's sections; several: each text is one, its parts under it.
  const H = texts.length === 1 ? "h2" : "h3";
  return (
    <>
      <p>
        <a href={`/${lang}/admin/translations`}>{t("knowledge.admin.backToQueue")}</a> · <a href={`/${lang}${editPath}`}>{editLabel}</a>
      </p>
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class={`translation-status status-${worst}`}>{t("content.editor.statusOf", { status: t(`content.status.${worst}`) })}</p>
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={heading}>
        {texts.map((x) => (
          <div key={x.field} class="stack">
            {x.label && <h2 class="translated-text">{x.label}</h2>}
            <section aria-labelledby={id(x, "changes-title")}>
              <H id={id(x, "changes-title")}>{t("knowledge.admin.sourceChanges", { language: language(source) })}</H>
              {x.diff === null ? <p>{t("knowledge.admin.noBasis")}</p> : x.diff.some((p) => p.op !== "same") ? <Diff parts={x.diff} /> : <p>{t("knowledge.admin.noChanges")}</p>}
            </section>
            <div class="side-by-side">
              <section aria-labelledby={id(x, "source-title")}>
                <H id={id(x, "source-title")}>{t("knowledge.admin.sourceText", { language: language(source) })}</H>
                <pre class="source-text" lang={source}>
                  {x.sourceText}
                </pre>
              </section>
              <section aria-labelledby={id(x, "target-title")}>
                <H id={id(x, "target-title")}>{t("knowledge.admin.translationText", { language: language(target) })}</H>
                <Field name={x.field} label={x.label ? `${x.label} · ${t("content.editor.textIn", { language: language(target) })}` : t("content.editor.textIn", { language: language(target) })} problems={problems}>
                  {(attrs) => (
                    <textarea {...attrs} lang={target} rows={x.rows} maxLength={x.max}>
                      {input[x.field] ?? ""}
                    </textarea>
                  )}
                </Field>
                {x.status === "outdated" && (
                  <div class="checkbox">
                    <input type="checkbox" id={`field-${x.matchesField}`} name={x.matchesField} value="yes" checked={(input[x.matchesField] ?? "") !== ""} />
                    <label for={`field-${x.matchesField}`}>{t("content.editor.matches", { language: language(target) })}</label>
                  </div>
                )}
              </section>
            </div>
          </div>
        ))}
        <div class="checkbox">
          <input type="checkbox" id="field-draft" name="draft" value="yes" checked={(input.draft ?? "") !== ""} />
          <label for="field-draft">{t("content.editor.draft", { language: language(target) })}</label>
        </div>
        <p>
          <button type="submit">{t("form.save")}</button>
        </p>
      </Form>
    </>
  );
}

/** What a preview shows in one language: the title, and the text as readers would see it (Markdown rendered and sanitized, or plain). */
export interface PreviewEntry {
  lang: Lang;
  title: string;
  html?: string;
  text?: string;
}

/** The preview of an item's texts in every language it has, for any kind. */
export function PreviewSection({ preview, hint }: { preview: PreviewEntry[]; hint?: boolean }) {
  const { t, lang } = usePage();
  if (preview.length === 0) return null;
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("knowledge.admin.previewTitle")}</h2>
      {hint !== false && <p class="hint">{t("knowledge.admin.previewHint")}</p>}
      {preview.map((p) => (
        <article key={p.lang} lang={p.lang} class="guide preview-lang" aria-label={t(`content.languages.${p.lang}`)}>
          <p class="meta" lang={lang}>
            {t(`content.languages.${p.lang}`)}
          </p>
          <p class="preview-title">{p.title}</p>
          {p.html !== undefined ? <div class="guide-body" dangerouslySetInnerHTML={{ __html: p.html }} /> : p.text !== undefined && <p>{p.text}</p>}
        </article>
      ))}
    </section>
  );
}

// ---- Topics, glossary terms, tools ----------------------------------------------------------------

export interface ItemsAdminProps {
  section: Section;
  list: { items: ItemView[]; total: number; page: number; pages: number };
  notice?: string;
}

export function ItemsAdminPage({ section, list, notice }: ItemsAdminProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t(`knowledge.admin.sections.${section}`)}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href={`/${lang}/admin/${section}/new`}>{t(`knowledge.admin.new.${section}`)}</a> · <a href={`/${lang}/admin/translations`}>{t("knowledge.admin.queueTitle")}</a>
      </p>
      <DataTable
        caption={t("knowledge.admin.itemsCaption", { count: list.total })}
        rows={list.items}
        rowKey={(i) => i.slug}
        columns={[
          {
            header: t("knowledge.admin.item"),
            rowHeader: true,
            cell: (i) => (
              <a href={`/${lang}/admin/${section}/${i.slug}`} lang={i.nameLang === lang ? undefined : i.nameLang}>
                {i.name}
              </a>
            ),
          },
          { header: t("knowledge.admin.status"), cell: (i) => t(`knowledge.statuses.${i.status}`) },
          { header: t("knowledge.verification"), cell: (i) => i.verifiedOn ?? t("verified.never") },
        ]}
      />
      <Pagination page={list.page} pages={list.pages} query={new URLSearchParams()} />
    </>
  );
}

export function ItemFormPage({ section, item, input, problems, owners, notice, history, preview, translations }: {
  section: Section;
  /** Absent when creating. */
  item?: ItemView;
  input: FormInput;
  problems: FieldProblem[];
  owners: { value: string; label: string }[];
  notice?: string;
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  /** The typed texts, per language, when the editor asked for a preview. */
  preview?: PreviewEntry[];
  /** The languages the side-by-side editor translates into (the item's source language excluded). */
  translations?: Lang[];
}) {
  const { t, lang } = usePage();
  const kind = KINDS[section];
  const title = item ? t("knowledge.admin.editTitle", { title: item.name }) : t(`knowledge.admin.new.${section}`);
  const action = item ? `/${lang}/admin/${section}/${item.slug}` : `/${lang}/admin/${section}`;
  const v = (name: string) => input[name] ?? "";
  return (
    <>
      <p>
        <a href={`/${lang}/admin/${section}`}>{t(`knowledge.admin.backTo.${section}`)}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {item && (
        <>
          <Verified on={item.verifiedOn} by={item.verifiedBy} />
          <p>
            <a href={`/${lang}/admin/${section}/${item.slug}/preview`}>{t("knowledge.admin.previewSaved")}</a>
            {(translations ?? []).map((l) => (
              <span key={l}>
                {" · "}
                <a href={`/${lang}/admin/translations/${kind.queue}/${item.slug}/${l}`}>{t("knowledge.admin.translateInto", { language: t(`content.languages.${l}`) })}</a>
              </span>
            ))}
          </p>
        </>
      )}
      <ErrorSummary problems={problems} />
      {preview && <PreviewSection preview={preview} />}
      <Form action={action} class="stack" label={title}>
        {!item && <Text name="slug" label={t("knowledge.admin.fields.slug")} hint={t("knowledge.admin.hints.slug")} value={v("slug")} problems={problems} max={81} />}
        {kind.texts.map((text) => (
          <TranslatableField
            key={text.name}
            name={text.name}
            label={t(`knowledge.admin.fields.${text.name}`)}
            stored={item?.texts[text.name] ?? EMPTY_TEXT}
            input={input}
            problems={problems}
            max={maxLengthOf(text.schema.text)}
          />
        ))}
        {kind.fields.map((field) =>
          field === "added_2022" ? (
            <div class="checkbox" key={field}>
              <input type="checkbox" id="field-added_2022" name="added_2022" value="yes" checked={v(field) === "yes"} />
              <label for="field-added_2022">{t("knowledge.admin.fields.added_2022")}</label>
            </div>
          ) : field === "cost" ? (
            <Select key={field} name="cost" label={t("knowledge.admin.fields.cost")} value={v(field) || "free"} problems={problems} options={COSTS.map((c) => ({ value: c, label: t(`knowledge.costs.${c}`) }))} />
          ) : (
            <Text key={field} name={field} label={t(`knowledge.admin.fields.${field}`)} hint={field === "languages" ? t("knowledge.admin.hints.languages") : undefined} value={v(field)} problems={problems} max={500} />
          ),
        )}
        <Select name="owner" label={t("knowledge.owner")} value={v("owner")} problems={problems} options={owners} />
        <Select name="status" label={t("knowledge.admin.status")} hint={t("knowledge.admin.hints.status")} value={v("status") || "draft"} problems={problems} options={STATUSES.map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) }))} />
        <p class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            {t("knowledge.admin.preview")}
          </button>{" "}
          <button type="submit" name="action" value="save">
            {item ? t("form.save") : t("knowledge.admin.createItem")}
          </button>
        </p>
      </Form>
      {item && (
        <section aria-labelledby="verification-title">
          <h2 id="verification-title">{t("knowledge.verification")}</h2>
          <Form action={`/${lang}/admin/${section}/${item.slug}/verify`} label={t("verified.action")}>
            <button type="submit">{t("verified.action")}</button>
          </Form>
        </section>
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
