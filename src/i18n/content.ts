import { z } from "zod";
import { isLang, LANGS, type Lang } from "./lang.js";

/**
 * Content in the platform's languages: one model for every translatable text (an organization's
 * profile, a membership's note, and whatever later capabilities write).
 *
 * A translatable text is stored in one `jsonb` column of the module's own table:
 *
 *   {"source": "en",
 *    "values": {"en": {"text": "…", "editedAt": "2026-12-01T09:00:00.000Z"},
 *               "fr": {"text": "…", "editedAt": "2026-12-02T10:00:00.000Z", "draft": true}}}
 *
 * `source` is the language the text was written in; every other language is a translation of it.
 * Nothing else is stored: each language's status is derived, so it can never disagree with the
 * texts, and a fourth language is one more entry in LANGS (no migration in any module):
 *  - missing:  no text in that language;
 *  - draft:    a text its editor has not released (never shown to the public);
 *  - current:  the source itself, or a translation edited (or confirmed) since the source last changed;
 *  - outdated: a translation last edited before the source changed.
 *
 * Readers get one rule (`resolveText`): the page's language when it has a released text, else the
 * source language; the result says which language is shown, whether that is a fallback, and
 * whether the translation shown is outdated, so the page can say so in the reader's language.
 */

export const TEXT_STATUSES = ["missing", "draft", "current", "outdated"] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

/** One language's text as stored. */
export interface StoredValue {
  text: string;
  /** When the text was last written, or confirmed to still match the source (ISO 8601, UTC). */
  editedAt: string;
  /** Present (and true) while the text is a draft. */
  draft?: true;
}

/** A translatable text as stored: its source language and a value per language written. */
export interface StoredText {
  /** Absent only while no language has a text. */
  source?: Lang;
  values: Partial<Record<Lang, StoredValue>>;
}

/** Nothing written yet (the columns' default). */
export const EMPTY_TEXT: StoredText = Object.freeze({ values: Object.freeze({}) }) as StoredText;

/** What an edit says about one language. Left out: unchanged. */
export interface LanguageEdit {
  /** The text as typed; empty clears the language. */
  text?: string;
  /** Whether the text is a draft (not shown to the public). */
  draft?: boolean;
  /** "Still matches the source": the translation is current again without being retyped. */
  matches?: boolean;
}

/** An edit of a translatable text: per language what was typed, and optionally a new source language. */
export type TextEdit = { source?: Lang } & Partial<Record<Lang, LanguageEdit>>;

/** A problem with an edit, at a path inside the field (`fr.text`, `source`), as a message key. */
export interface TextProblem {
  path: string;
  message: string;
}

/** Text as a browser sends a textarea (CRLF line ends), made the way it is stored: LF, trimmed. */
export const normalizeText = (text: string): string => text.replace(/\r\n?/g, "\n").trim();

const LangKey = z.enum(LANGS);

/** Builds a zod object with one entry per platform language. */
function perLanguage<T extends z.ZodType>(value: T): z.ZodObject<Record<Lang, T>> {
  return z.object(Object.fromEntries(LANGS.map((lang) => [lang, value])) as Record<Lang, T>);
}

/**
 * The schemas of one translatable field with its length limit: the text typed in one language
 * (for forms' `maxlength` through `maxLengthOf`), an edit as a service takes it, and the value as
 * stored (checked again before every write; the database's CHECK keeps the same rules).
 */
export function translatableText(options: { max: number }) {
  const { max } = options;
  const text = z.string().transform(normalizeText).pipe(z.string().max(max));
  const language = z
    .object({ text: text.optional(), draft: z.boolean().optional(), matches: z.boolean().optional() })
    .strict();
  const edit = z
    .record(z.string(), z.unknown())
    // An unknown language is named as such (a strict object would only say "unexpected key").
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (key !== "source" && !isLang(key)) ctx.addIssue({ code: "custom", path: [key], message: "validation.unknownLanguage" });
      }
    })
    .pipe(
      z
        .object({ source: LangKey.optional(), ...(Object.fromEntries(LANGS.map((lang) => [lang, language.optional()])) as Record<Lang, z.ZodOptional<typeof language>>) })
        .strict(),
    ) as unknown as z.ZodType<TextEdit, unknown>;
  const value = z.object({ text: z.string().min(1).max(max), editedAt: z.iso.datetime(), draft: z.literal(true).optional() }).strict();
  const stored = z
    .object({ source: LangKey.optional(), values: z.partialRecord(LangKey, value) })
    .strict()
    .refine((v) => (v.source === undefined ? Object.keys(v.values).length === 0 : v.values[v.source] !== undefined), {
      message: "validation.invalid",
      path: ["source"],
    }) as unknown as z.ZodType<StoredText>;
  return { max, text, edit, stored };
}
export type TranslatableText = ReturnType<typeof translatableText>;

/** `{ "en": { "status": "current" }, "fr": …, "es": … }`: how the API shows a text's languages. */
export const TranslationStatuses = perLanguage(z.object({ status: z.enum(TEXT_STATUSES) })).meta({
  description:
    "Per language: missing (no text), draft (written, not yet published), current (the original, or a translation edited since the original last changed), outdated (a translation older than the original's last change)",
});
export type TranslationStatuses = Record<Lang, { status: TextStatus }>;

// ---- Status ------------------------------------------------------------------------------------

/**
 * Whether stamp `a` is at or after stamp `b`. Stamps of one length have the same form (UTC, the
 * same number of decimals: every stamp this platform writes), so they compare as text; others are
 * parsed. Reading a list of texts compares stamps a few times per row: this keeps it cheap.
 */
const notEarlier = (a: string, b: string) => (a.length === b.length ? a >= b : Date.parse(a) >= Date.parse(b));

/** The status of one language of a text (see the rules above). */
export function statusOf(stored: StoredText, lang: Lang): TextStatus {
  const value = stored.values[lang];
  if (!value) return "missing";
  if (value.draft) return "draft";
  if (lang === stored.source) return "current";
  const source = stored.source === undefined ? undefined : stored.values[stored.source];
  if (!source) return "current";
  return notEarlier(value.editedAt, source.editedAt) ? "current" : "outdated";
}

/** The status of every language, as the API shows it. */
export function translationStatuses(stored: StoredText): TranslationStatuses {
  const out = {} as TranslationStatuses;
  for (const lang of LANGS) out[lang] = { status: statusOf(stored, lang) };
  return out;
}

// ---- Reading -----------------------------------------------------------------------------------

/** The text a reader is shown. */
export interface ShownText {
  text: string;
  /** The language the text is written in (the `lang` attribute of what shows it). */
  lang: Lang;
  /** True when this is not the language asked for (it had no released text). */
  fallback: boolean;
  /** True when this is a translation older than the source's last change. */
  outdated: boolean;
  /** The language the text was first written in. */
  source: Lang;
}

/**
 * The one fallback rule: the asked-for language when it has a released (non-draft) text, else the
 * source language when its text is released; null when neither is (nothing is shown, drafts never).
 */
export function resolveText(stored: StoredText, lang: Lang): ShownText | null {
  const own = stored.values[lang];
  const source = stored.source;
  if (source === undefined) return null;
  if (own && !own.draft) return { text: own.text, lang, fallback: false, outdated: statusOf(stored, lang) === "outdated", source };
  const original = stored.values[source];
  if (!original || original.draft) return null;
  return { text: original.text, lang: source, fallback: true, outdated: false, source };
}

/**
 * What a page needs to show a text, from what the API says of it: the text and its language, the
 * language of its original and the statuses (`description`, `descriptionLang`, … of an organization).
 */
export function shownFrom(
  wanted: Lang,
  presented: { text: string | null; lang: Lang | null; source: Lang | null; translations: TranslationStatuses },
): ShownText | null {
  const { text, lang, source } = presented;
  if (text === null || lang === null) return null;
  return { text, lang, fallback: lang !== wanted, outdated: presented.translations[lang].status === "outdated", source: source ?? lang };
}

/** The released texts per language (null where missing or a draft): for the API and the search index. */
export function publishedTexts(stored: StoredText): Record<Lang, string | null> {
  return Object.fromEntries(LANGS.map((lang) => [lang, stored.values[lang]?.draft ? null : (stored.values[lang]?.text ?? null)])) as Record<Lang, string | null>;
}

// ---- Editing -----------------------------------------------------------------------------------

/**
 * Merges an edit into the stored value, at `now`:
 *  - a language whose typed text differs from the stored one gets the new text and is stamped;
 *    an empty text removes the language;
 *  - the draft flag is set as given (changing it alone stamps nothing);
 *  - "still matches the source" stamps a translation that has a text (never the source itself,
 *    whose stamp would make every other language outdated);
 *  - the source language is the one given, else the one stored, else the first language (in the
 *    platform's order) that has a text; it must have a text while any language has one.
 * Stamps are strictly later than every stamp already stored, so an edit is never taken for older
 * than the one before it, whatever the clocks of the nodes that wrote them.
 */
export function mergeText(
  stored: StoredText,
  edit: TextEdit,
  now: Date,
): { ok: true; value: StoredText; changed: boolean } | { ok: false; problems: TextProblem[] } {
  const latest = Math.max(0, ...Object.values(stored.values).map((v) => Date.parse(v?.editedAt ?? "")).filter(Number.isFinite));
  const stamp = new Date(Math.max(now.getTime(), latest + 1)).toISOString();
  const values: Partial<Record<Lang, StoredValue>> = {};
  const typed = new Map<Lang, { text: string; draft: boolean; rewritten: boolean; matches: boolean }>();
  for (const lang of LANGS) {
    const before = stored.values[lang];
    const change = edit[lang];
    const text = change?.text === undefined ? (before?.text ?? "") : normalizeText(change.text);
    if (text === "") continue;
    typed.set(lang, {
      text,
      draft: change?.draft ?? before?.draft === true,
      rewritten: text !== before?.text,
      matches: change?.matches === true,
    });
  }
  let source = edit.source ?? stored.source ?? LANGS.find((lang) => typed.has(lang));
  if (typed.size === 0) source = undefined;
  else if (source === undefined || !typed.has(source)) {
    // The original cannot vanish under its translations: name what is wrong.
    // A form sends the original's language back unchanged: then it is its text that is missing.
    const problem =
      edit.source !== undefined && edit.source !== stored.source
        ? { path: "source", message: "content.errors.sourceWithoutText" }
        : { path: `${source}.text`, message: "content.errors.sourceCleared" };
    return { ok: false, problems: [problem] };
  }
  for (const [lang, t] of typed) {
    const before = stored.values[lang];
    const stamped = t.rewritten || (t.matches && lang !== source);
    const editedAt = stamped || !before ? stamp : before.editedAt;
    values[lang] = t.draft ? { text: t.text, editedAt, draft: true } : { text: t.text, editedAt };
  }
  const value: StoredText = source === undefined ? { values } : { source, values };
  return { ok: true, value, changed: !sameText(stored, value) };
}

/** Whether two stored values say the same (same source, texts, flags and stamps). */
export function sameText(a: StoredText, b: StoredText): boolean {
  if (a.source !== b.source) return false;
  return LANGS.every((lang) => {
    const x = a.values[lang];
    const y = b.values[lang];
    return x === undefined || y === undefined ? x === y : x.text === y.text && x.editedAt === y.editedAt && (x.draft === true) === (y.draft === true);
  });
}

// ---- Forms -------------------------------------------------------------------------------------

/** The controls of a translatable field `name` in a form, per language. */
export const textFieldName = (name: string, lang: Lang, part: "text" | "draft" | "matches") => `${name}.${lang}.${part}`;
export const sourceFieldName = (name: string) => `${name}.source`;

/** Every form field of a translatable field: `profile.source`, `profile.en.text`, `profile.en.draft`, `profile.en.matches`, … */
export function textFormFields(name: string): string[] {
  return [sourceFieldName(name), ...LANGS.flatMap((lang) => (["text", "draft", "matches"] as const).map((part) => textFieldName(name, lang, part)))];
}

/**
 * The form fields to read from a post for the field `name`: its own, plus any other `name.…` the
 * post carries (at most 10), so that a language the platform does not have is refused by name
 * instead of being silently dropped.
 */
export function postedTextFields(name: string, body: unknown): string[] {
  const own = textFormFields(name);
  if (!body || typeof body !== "object") return own;
  const extra = Object.keys(body)
    .filter((key) => key.startsWith(`${name}.`) && !own.includes(key))
    .slice(0, 10);
  return [...own, ...extra];
}

/**
 * The edit a form post makes to the field `name`, from its fields as typed: each language's text,
 * its "draft" and "still matches the source" boxes (ticked when sent non-empty), and the source
 * language (empty: unchanged). Other `name.…` fields are passed on as they are, for the schema to
 * refuse by name.
 */
export function editFromForm(name: string, input: Record<string, string>): Record<string, unknown> {
  const edit: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith(`${name}.`)) continue;
    const rest = key.slice(name.length + 1);
    const control = /^([^.]+)\.(text|draft|matches)$/.exec(rest);
    if (rest === "source") {
      if (value !== "") edit.source = value;
    } else if (control?.[1] && control[2]) {
      const [, lang, part] = control;
      edit[lang] ??= {};
      const entry = edit[lang];
      if (typeof entry === "object" && entry !== null) (entry as Record<string, unknown>)[part] = part === "text" ? value : value !== "";
    } else {
      // `profile.de`, `profile.en.colour`: not a control of this field; the schema names it.
      edit[rest] = value;
    }
  }
  return edit;
}

/** The stored value as its form shows it: each language's text and draft box, and the source. */
export function formValuesOf(name: string, stored: StoredText): Record<string, string> {
  const out: Record<string, string> = { [sourceFieldName(name)]: stored.source ?? "" };
  for (const lang of LANGS) {
    const value = stored.values[lang];
    out[textFieldName(name, lang, "text")] = value?.text ?? "";
    out[textFieldName(name, lang, "draft")] = value?.draft ? "yes" : "";
    out[textFieldName(name, lang, "matches")] = "";
  }
  return out;
}

/** Problems of an edit as form fields name them (`fr.text` → `profile.fr.text`). */
export const problemsAt = (name: string, problems: TextProblem[]) => problems.map((p) => ({ field: `${name}.${p.path}`, message: p.message }));

// ---- Audit -------------------------------------------------------------------------------------

/**
 * A text as the audit trail records it, one entry per fact (`profile.source`, `profile.fr`,
 * `profile.fr.status`), so the history shows per language what changed, including a translation
 * made outdated by a change of its source or confirmed as current.
 */
export function auditedText(name: string, stored: StoredText): Record<string, string> {
  const out: Record<string, string> = {};
  if (stored.source) out[`${name}.source`] = stored.source;
  for (const lang of LANGS) {
    const value = stored.values[lang];
    if (!value) continue;
    out[`${name}.${lang}`] = value.text;
    out[`${name}.${lang}.status`] = statusOf(stored, lang);
  }
  return out;
}
