import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";
import { LANGS, type Lang } from "./lang.js";

/**
 * The interface's words, as ICU MessageFormat strings. Platform-wide messages live in
 * `src/i18n/messages/{lang}.json`; each module keeps its own in `src/modules/<m>/messages/{lang}.json`,
 * found here by scanning, so a new module brings its words without editing this file.
 * Nested JSON objects flatten to dotted keys: `{"members": {"title": "…"}}` → `members.title`.
 */
export type Catalogue = Record<Lang, Map<string, string>>;

const SRC = fileURLToPath(new URL("..", import.meta.url));

function flatten(value: unknown, prefix: string, into: Map<string, string>, file: string) {
  if (typeof value === "string") {
    if (into.has(prefix)) throw new Error(`Message key ${prefix} is defined twice (again in ${file})`);
    into.set(prefix, value);
    return;
  }
  if (!value || typeof value !== "object") throw new Error(`Message ${prefix} in ${file} is not text`);
  for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into, file);
}

export function catalogueFiles(): Record<Lang, string[]> {
  const folders = [join(SRC, "i18n", "messages")];
  for (const entry of readdirSync(join(SRC, "modules"), { withFileTypes: true })) {
    if (entry.isDirectory()) folders.push(join(SRC, "modules", entry.name, "messages"));
  }
  const files = { en: [], fr: [], es: [] } as Record<Lang, string[]>;
  for (const folder of folders) {
    for (const lang of LANGS) {
      const file = join(folder, `${lang}.json`);
      try {
        readFileSync(file);
        files[lang].push(file);
      } catch {
        // a module without words of its own
      }
    }
  }
  return files;
}

export function loadCatalogue(): Catalogue {
  const files = catalogueFiles();
  const catalogue = {} as Catalogue;
  for (const lang of LANGS) {
    const messages = new Map<string, string>();
    for (const file of files[lang]) flatten(JSON.parse(readFileSync(file, "utf8")), "", messages, file);
    catalogue[lang] = messages;
  }
  return catalogue;
}

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

/** Builds `t(key, values)` for one language; formats are compiled once and kept. */
export function translator(catalogue: Catalogue, lang: Lang, onMissing: (key: string) => void = () => {}): Translate {
  const compiled = new Map<string, IntlMessageFormat>();
  return (key, values) => {
    let format = compiled.get(key);
    if (!format) {
      const source = catalogue[lang].get(key);
      if (source === undefined) {
        onMissing(key);
        return key;
      }
      format = new IntlMessageFormat(source, lang);
      compiled.set(key, format);
    }
    return String(format.format(values as Record<string, string>));
  };
}

let shared: Catalogue | undefined;
const translators = new Map<Lang, Translate>();

/** The process-wide catalogue and translators (messages do not change while running). */
export function messages(lang: Lang): Translate {
  shared ??= loadCatalogue();
  let t = translators.get(lang);
  if (!t) {
    t = translator(shared, lang, (key) => {
      throw new Error(`Missing message "${key}" in ${lang}`);
    });
    translators.set(lang, t);
  }
  return t;
}

export function formatDate(lang: Lang, isoDay: string, precision: "day" | "month" = "day"): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return new Intl.DateTimeFormat(lang, {
    timeZone: "UTC",
    year: "numeric",
    month: "long",
    ...(precision === "day" ? { day: "numeric" } : {}),
  }).format(date);
}

/** An instant as people read it, in UTC (the Secretariat works across time zones; Geneva is UTC+1/+2). */
export function formatDateTime(lang: Lang, at: Date | string): string {
  return `${new Intl.DateTimeFormat(lang, {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(at))} UTC`;
}
