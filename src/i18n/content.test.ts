import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditedText,
  EMPTY_TEXT,
  editFromForm,
  formValuesOf,
  mergeText,
  postedTextFields,
  publishedTexts,
  resolveText,
  type StoredText,
  statusOf,
  type TextEdit,
  translatableText,
  translationStatuses,
} from "./content.js";
import { LANGS, type Lang } from "./lang.js";

const field = translatableText({ max: 50 });
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

const merged = (stored: StoredText, edit: TextEdit, now = new Date(at(30))): StoredText => {
  const result = mergeText(stored, edit, now);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

describe("the status of a language", () => {
  const text: StoredText = {
    source: "en",
    values: {
      en: { text: "Original", editedAt: at(10) },
      fr: { text: "Traduction", editedAt: at(5) },
      es: { text: "Traducción", editedAt: at(10) },
    },
  };

  it("is missing without a text, current for the source, outdated when older than the source, current when as recent or newer", () => {
    expect(translationStatuses(text)).toEqual({ en: { status: "current" }, fr: { status: "outdated" }, es: { status: "current" } });
    expect(statusOf({ ...text, values: { en: text.values.en } }, "fr")).toBe("missing");
    expect(statusOf({ ...text, values: { ...text.values, fr: { text: "Plus récente", editedAt: at(11) } } }, "fr")).toBe("current");
  });

  it("compares stamps as instants, whatever their number of decimals", () => {
    const mixed: StoredText = { source: "en", values: { en: { text: "O", editedAt: "2026-12-01T09:00:00.5Z" }, fr: { text: "T", editedAt: "2026-12-01T09:00:00Z" } } };
    expect(statusOf(mixed, "fr")).toBe("outdated");
    expect(statusOf({ ...mixed, values: { ...mixed.values, fr: { text: "T", editedAt: "2026-12-01T09:00:01Z" } } }, "fr")).toBe("current");
  });

  it("is draft for a draft, whatever its age, the source included", () => {
    const drafts: StoredText = { source: "en", values: { en: { text: "O", editedAt: at(10), draft: true }, fr: { text: "T", editedAt: at(1), draft: true } } };
    expect(statusOf(drafts, "en")).toBe("draft");
    expect(statusOf(drafts, "fr")).toBe("draft");
    expect(statusOf(EMPTY_TEXT, "en")).toBe("missing");
  });
});

describe("what a reader is shown", () => {
  const text: StoredText = {
    source: "en",
    values: { en: { text: "Original", editedAt: at(10) }, fr: { text: "Ancienne", editedAt: at(5) }, es: { text: "Borrador", editedAt: at(20), draft: true } },
  };

  it("the page's language when it has a released text, saying when that translation is outdated", () => {
    expect(resolveText(text, "en")).toEqual({ text: "Original", lang: "en", fallback: false, outdated: false, source: "en" });
    expect(resolveText(text, "fr")).toEqual({ text: "Ancienne", lang: "fr", fallback: false, outdated: true, source: "en" });
  });

  it("else the source language, as a fallback; a draft is never shown", () => {
    expect(resolveText(text, "es")).toEqual({ text: "Original", lang: "en", fallback: true, outdated: false, source: "en" });
    expect(resolveText({ source: "en", values: { en: { text: "O", editedAt: at(1), draft: true } } }, "fr")).toBeNull();
    expect(resolveText(EMPTY_TEXT, "fr")).toBeNull();
    expect(publishedTexts(text)).toEqual({ en: "Original", fr: "Ancienne", es: null });
  });
});

describe("merging an edit", () => {
  it("takes the first language written as the source and stamps only what changed", () => {
    const first = merged(EMPTY_TEXT, { en: { text: "" }, fr: { text: "  Bonjour\r\nà tous  " }, es: { text: "Hola" } }, new Date(at(1)));
    expect(first).toEqual({ source: "fr", values: { fr: { text: "Bonjour\nà tous", editedAt: at(1) }, es: { text: "Hola", editedAt: at(1) } } });
    // Sent back as the browser sends it (CRLF), nothing changes.
    const again = mergeText(first, { fr: { text: "Bonjour\r\nà tous" }, es: { text: "Hola" } }, new Date(at(2)));
    expect(again).toEqual({ ok: true, value: first, changed: false });
  });

  it("makes the translations outdated when the source changes, current again when edited or confirmed", () => {
    const written = merged(EMPTY_TEXT, { en: { text: "Original" } }, new Date(at(1)));
    const translated = merged(written, { fr: { text: "Traduction" }, es: { text: "Traducción" } }, new Date(at(2)));
    expect(translationStatuses(translated)).toEqual({ en: { status: "current" }, fr: { status: "current" }, es: { status: "current" } });
    const changed = merged(translated, { en: { text: "Original, revised" }, fr: { text: "Traduction" }, es: { text: "Traducción" } }, new Date(at(3)));
    expect(translationStatuses(changed)).toEqual({ en: { status: "current" }, fr: { status: "outdated" }, es: { status: "outdated" } });
    const fixed = merged(changed, { fr: { text: "Traduction révisée" }, es: { text: "Traducción", matches: true } }, new Date(at(4)));
    expect(translationStatuses(fixed)).toEqual({ en: { status: "current" }, fr: { status: "current" }, es: { status: "current" } });
    expect(fixed.values.es?.text).toBe("Traducción");
  });

  it("never stamps the source for a confirmation, and a draft flag alone stamps nothing", () => {
    const text = merged(merged(EMPTY_TEXT, { en: { text: "O" } }, new Date(at(1))), { fr: { text: "T" } }, new Date(at(2)));
    const confirmed = merged(text, { en: { matches: true } }, new Date(at(3)));
    expect(confirmed).toEqual(text);
    const drafted = merged(text, { fr: { draft: true } }, new Date(at(4)));
    expect(drafted.values.fr).toEqual({ text: "T", editedAt: at(2), draft: true });
    expect(statusOf(drafted, "fr")).toBe("draft");
  });

  it("stamps later than anything stored, whatever the clock says", () => {
    const text = merged(EMPTY_TEXT, { en: { text: "O" }, fr: { text: "T" } }, new Date(at(10)));
    const later = merged(text, { en: { text: "O2" } }, new Date(at(1)));
    expect(Date.parse(later.values.en?.editedAt ?? "")).toBeGreaterThan(Date.parse(at(10)));
    expect(statusOf(later, "fr")).toBe("outdated");
  });

  it("lets the editor choose another source language, which must have a text", () => {
    const text = merged(EMPTY_TEXT, { en: { text: "O" }, fr: { text: "T" } }, new Date(at(1)));
    const french = merged(text, { source: "fr", fr: { text: "T, revue" } }, new Date(at(2)));
    expect(french.source).toBe("fr");
    expect(translationStatuses(french)).toMatchObject({ fr: { status: "current" }, en: { status: "outdated" } });
    expect(mergeText(text, { source: "es" }, new Date(at(3)))).toEqual({ ok: false, problems: [{ path: "source", message: "content.errors.sourceWithoutText" }] });
  });

  it("refuses to clear the source under its translations, and clears everything when every text is cleared", () => {
    const text = merged(EMPTY_TEXT, { en: { text: "O" }, fr: { text: "T" } }, new Date(at(1)));
    expect(mergeText(text, { en: { text: "" } }, new Date(at(2)))).toEqual({ ok: false, problems: [{ path: "en.text", message: "content.errors.sourceCleared" }] });
    // As a form sends it, with the original's language unchanged.
    expect(mergeText(text, { source: "en", en: { text: "" } }, new Date(at(2)))).toEqual({ ok: false, problems: [{ path: "en.text", message: "content.errors.sourceCleared" }] });
    expect(merged(text, { en: { text: " " }, fr: { text: "" } })).toEqual(EMPTY_TEXT);
  });

  it("records per language what the audit trail shows", () => {
    const text = merged(merged(EMPTY_TEXT, { en: { text: "O" }, fr: { text: "T", draft: true } }, new Date(at(1))), { en: { text: "O2" } }, new Date(at(2)));
    expect(auditedText("profile", text)).toEqual({ "profile.source": "en", "profile.en": "O2", "profile.en.status": "current", "profile.fr": "T", "profile.fr.status": "draft" });
  });
});

describe("the edit's schema and the form", () => {
  it("names an unknown language and an over-long text", () => {
    const unknown = field.edit.safeParse({ de: { text: "Hallo" }, en: { text: "Hello" } });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues).toMatchObject([{ path: ["de"], message: "validation.unknownLanguage" }]);
    const long = field.edit.safeParse({ fr: { text: "x".repeat(51) } });
    expect(long.error?.issues).toMatchObject([{ path: ["fr", "text"], code: "too_big" }]);
    expect(field.edit.safeParse({ fr: { text: `${"x".repeat(50)}\r\n` } }).success).toBe(true);
    expect(field.text.safeParse("x".repeat(51)).success).toBe(false);
  });

  it("reads a post: texts, ticked boxes, the source select, and passes on what is not a control", () => {
    const body = { "profile.en.text": "Hi", "profile.en.draft": "yes", "profile.fr.matches": "yes", "profile.source": "en", "profile.de.text": "Hallo", website: "x" };
    const names = postedTextFields("profile", body);
    expect(names).toContain("profile.de.text");
    expect(names).not.toContain("website");
    const input = Object.fromEntries(names.map((n) => [n, (body as Record<string, string>)[n] ?? ""]));
    expect(editFromForm("profile", input)).toEqual({
      source: "en",
      en: { text: "Hi", draft: true, matches: false },
      fr: { text: "", draft: false, matches: true },
      es: { text: "", draft: false, matches: false },
      de: { text: "Hallo" },
    });
  });
});

// ---- Properties --------------------------------------------------------------------------------

const langArb = fc.constantFrom<Lang>(...LANGS);
const words = fc.constantFrom("", "", "Alpha", "Beta", "Gamma", "  Alpha ", "Delta\r\nEpsilon", "Delta\nEpsilon");
const languageEdit = fc.record({ text: words, draft: fc.boolean(), matches: fc.boolean() }, { requiredKeys: [] });
const editArb: fc.Arbitrary<TextEdit> = fc.record(
  { source: langArb, en: languageEdit, fr: languageEdit, es: languageEdit },
  { requiredKeys: [] },
);
/** A clock that may stand still or even go back (nodes with different clocks). */
const clockArb = fc.integer({ min: -3, max: 5 });

/** Applies edits in turn (refused ones change nothing), checking the invariants after each. */
function replay(edits: TextEdit[], ticks: number[]): void {
  let stored: StoredText = EMPTY_TEXT;
  let clock = Date.parse(at(0));
  edits.forEach((edit, i) => {
    clock += (ticks[i] ?? 1) * 1000;
    const before = stored;
    const result = mergeText(before, edit, new Date(clock));
    if (!result.ok) return;
    const after = result.value;
    stored = after;
    // The stored shape is always valid.
    expect(field.stored.safeParse(after).success).toBe(true);
    for (const lang of LANGS) {
      const status = statusOf(after, lang);
      const value = after.values[lang];
      const change = edit[lang];
      // missing ⇔ no text; draft ⇔ the flag.
      expect(status === "missing").toBe(value === undefined);
      if (value) expect(status === "draft").toBe(value.draft === true);
      // The source has a text and, released, is current.
      if (lang === after.source && value && !value.draft) expect(status).toBe("current");
      // A language the edit does not mention keeps its text and its stamp.
      if (!change && value) expect(value).toMatchObject({ text: before.values[lang]?.text, editedAt: before.values[lang]?.editedAt });
      const rewritten = value !== undefined && value.text !== before.values[lang]?.text;
      const confirmed = value !== undefined && change?.matches === true && lang !== after.source;
      // Written or confirmed now, a released translation is current.
      if ((rewritten || confirmed) && !value?.draft) expect(status).toBe("current");
      // Left as it was while its source changed: outdated (unless a draft).
      const sourceRewritten = after.source !== undefined && after.source === before.source && after.values[after.source]?.text !== before.values[after.source]?.text;
      if (value && !value.draft && lang !== after.source && sourceRewritten && !rewritten && !confirmed) expect(status).toBe("outdated");
      // Nothing of its own or of its source rewritten, its draft flag kept: its status stays.
      const sourceKept = after.source === before.source && !sourceRewritten;
      if (value && sourceKept && !rewritten && !confirmed && (value.draft === true) === (before.values[lang]?.draft === true)) {
        expect(status).toBe(statusOf(before, lang));
      }
    }
    // The fallback rule: the page's language if released, else the released source, never a draft.
    for (const lang of LANGS) {
      const shown = resolveText(after, lang);
      const own = after.values[lang];
      if (own && !own.draft) expect(shown).toMatchObject({ lang, fallback: false, text: own.text });
      else if (shown) {
        expect(shown).toMatchObject({ lang: after.source, fallback: true, outdated: false });
        expect(after.values[shown.lang]?.draft).toBeUndefined();
      }
    }
    // Sending the form back as shown changes nothing.
    const form = formValuesOf("profile", after);
    const parsed = field.edit.safeParse(editFromForm("profile", form));
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(mergeText(after, parsed.data, new Date(clock + 60_000))).toEqual({ ok: true, value: after, changed: false });
  });
}

describe("properties of any sequence of edits", () => {
  it("statuses, the fallback and the form round trip hold after every edit", () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), fc.array(clockArb, { maxLength: 12 }), (edits, ticks) => replay(edits, ticks)),
      { numRuns: 200 },
    );
  });

  it("a refused edit names a field of the form", () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
        let stored: StoredText = EMPTY_TEXT;
        for (const edit of edits) {
          const result = mergeText(stored, edit, new Date(at(1)));
          if (result.ok) stored = result.value;
          else for (const p of result.problems) expect(p.path).toMatch(/^(source|(en|fr|es)\.text)$/);
        }
      }),
    );
  });
});
