import { type ShownText, type StoredText, sourceFieldName, statusOf, type TextStatus, textFieldName } from "../i18n/content.js";
import { LANGS, type Lang } from "../i18n/lang.js";
import { usePage } from "./context.js";

/**
 * Translatable texts on pages (the model is src/i18n/content.ts): what readers see, with the
 * language it is written in and a note when it is not the page's or may be out of date; and the
 * controls editors fill in, per language, with each language's status.
 */

/** A problem at a form field, as the services name them (`profile.fr.text`). */
interface Problem {
  field: string;
  message: string;
  values?: Record<string, string | number>;
}

/** A text's paragraphs (blank lines between them); single line breaks stay inside (CSS pre-line). */
const paragraphs = (text: string) => text.split(/\n\s*\n/).filter((p) => p.trim() !== "");

/**
 * A text as resolved for the page's language, marked with the language it is written in. A
 * fallback says so in the reader's language ("This text is not yet available in French; shown in
 * English."), as does a translation older than its original. `empty` is shown when there is nothing.
 */
export function TranslatedText({ shown, empty, class: className }: { shown: ShownText | null; empty?: string; class?: string }) {
  const { t, lang } = usePage();
  if (!shown) return empty ? <p class="meta">{empty}</p> : null;
  const language = (l: Lang) => t(`content.languages.${l}`);
  return (
    <div class={className ? `translated ${className}` : "translated"}>
      {shown.fallback && <p class="translation-note">{t("content.fallback", { wanted: language(lang), shown: language(shown.lang) })}</p>}
      {shown.outdated && <p class="translation-note">{t("content.outdated", { source: language(shown.source) })}</p>}
      <div class="translated-text" lang={shown.lang}>
        {paragraphs(shown.text).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </div>
  );
}

export interface TranslatableFieldProps {
  /** The field's name in the form, e.g. `profile`: its controls are `profile.en.text`, … */
  name: string;
  label: string;
  /** What is stored (for each language's status and whether there is a source yet). */
  stored: StoredText;
  /** The form's values as typed (or as stored, from `formValuesOf`). */
  input: Record<string, string | undefined>;
  problems?: Problem[];
  /** The longest text a language takes (from the schema: `maxLengthOf(field.text)`). */
  max?: number;
  hint?: string;
  /** Tells fields of the same name apart when a page has two forms. */
  idPrefix?: string;
}

/**
 * One translatable field for editors: a fieldset with, per language, a textarea (in that
 * language), its status as text (and a `status-…` class), a "draft" box, and — where the
 * translation is outdated — a "still matches the original" box; and the original language, once
 * there is one.
 */
export function TranslatableField({ name, label, stored, input, problems = [], max, hint, idPrefix = "" }: TranslatableFieldProps) {
  const { t } = usePage();
  const base = `field-${idPrefix}${name}`;
  const language = (l: Lang) => t(`content.languages.${l}`);
  const problemAt = (field: string) => problems.find((p) => p.field === field);
  const controls = new Set([sourceFieldName(name), ...LANGS.map((l) => textFieldName(name, l, "text"))]);
  // Problems of this field that no control shows (a language the platform lacks, a wrong shape).
  const others = problems.filter((p) => (p.field === name || p.field.startsWith(`${name}.`)) && !controls.has(p.field));
  const source = input[sourceFieldName(name)] || stored.source;
  const sourceProblem = problemAt(sourceFieldName(name));
  const sourceId = `field-${idPrefix}${sourceFieldName(name)}`;
  return (
    <fieldset class="translatable" id={base} aria-describedby={`${base}-hint`}>
      <legend>{label}</legend>
      <p class="hint" id={`${base}-hint`}>
        {hint ?? t("content.editor.hint", { max: max ?? "" })}
      </p>
      {others.map((p) => (
        <p key={p.field} class="error-message">
          {t(p.message, p.values)}
        </p>
      ))}
      {source && (
        <div class={sourceProblem ? "field has-error" : "field"}>
          <label for={sourceId}>{t("content.editor.source")}</label>
          <span class="hint" id={`${sourceId}-hint`}>
            {t("content.editor.sourceHint")}
          </span>
          {sourceProblem && (
            <span class="error-message" id={`${sourceId}-error`}>
              {t(sourceProblem.message, sourceProblem.values)}
            </span>
          )}
          <select
            id={sourceId}
            name={sourceFieldName(name)}
            aria-describedby={[`${sourceId}-hint`, sourceProblem ? `${sourceId}-error` : ""].filter(Boolean).join(" ")}
            {...(sourceProblem ? { "aria-invalid": "true" as const } : {})}
          >
            {LANGS.map((l) => (
              <option key={l} value={l} selected={source === l}>
                {language(l)}
              </option>
            ))}
          </select>
        </div>
      )}
      {LANGS.map((l) => (
        <LanguageControls key={l} name={name} lang={l} status={statusOf(stored, l)} isSource={stored.source === l} input={input} problem={problemAt(textFieldName(name, l, "text"))} max={max} idPrefix={idPrefix} />
      ))}
    </fieldset>
  );
}

function LanguageControls({ name, lang, status, isSource, input, problem, max, idPrefix }: {
  name: string;
  lang: Lang;
  status: TextStatus;
  isSource: boolean;
  input: Record<string, string | undefined>;
  problem?: Problem;
  max?: number;
  idPrefix: string;
}) {
  const { t } = usePage();
  const textName = textFieldName(name, lang, "text");
  const draftName = textFieldName(name, lang, "draft");
  const matchesName = textFieldName(name, lang, "matches");
  const id = `field-${idPrefix}${textName}`;
  const statusText = isSource && status === "current" ? t("content.status.source") : t(`content.status.${status}`);
  const described = [`${id}-status`, status === "outdated" ? `${id}-outdated` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ");
  const language = t(`content.languages.${lang}`);
  return (
    <div class={`field translation status-${status}${problem ? " has-error" : ""}`}>
      <label for={id}>{t("content.editor.textIn", { language })}</label>
      <span class={`translation-status status-${status}`} id={`${id}-status`}>
        {t("content.editor.statusOf", { status: statusText })}
      </span>
      {status === "outdated" && (
        <span class="hint" id={`${id}-outdated`}>
          {t("content.editor.outdatedHint")}
        </span>
      )}
      {problem && (
        <span class="error-message" id={`${id}-error`}>
          {t(problem.message, problem.values)}
        </span>
      )}
      <textarea id={id} name={textName} lang={lang} rows={5} maxLength={max} aria-describedby={described} {...(problem ? { "aria-invalid": "true" as const } : {})}>
        {input[textName] ?? ""}
      </textarea>
      <div class="checkbox">
        <input type="checkbox" id={`${id}-draft`} name={draftName} value="yes" checked={(input[draftName] ?? "") !== ""} />
        <label for={`${id}-draft`}>{t("content.editor.draft", { language })}</label>
      </div>
      {status === "outdated" && (
        <div class="checkbox">
          <input type="checkbox" id={`${id}-matches`} name={matchesName} value="yes" checked={(input[matchesName] ?? "") !== ""} />
          <label for={`${id}-matches`}>{t("content.editor.matches", { language })}</label>
        </div>
      )}
    </div>
  );
}
