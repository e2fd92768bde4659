import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { catalogueFiles, formatDate, loadCatalogue, translator } from "./catalogue.js";
import { LANGS } from "./lang.js";

describe("message catalogues", () => {
  const catalogue = loadCatalogue();

  it("have the same keys in English, French and Spanish", () => {
    const en = [...catalogue.en.keys()].sort();
    expect(en.length).toBeGreaterThan(20);
    for (const lang of LANGS) {
      const keys = [...catalogue[lang].keys()].sort();
      const missing = en.filter((k) => !catalogue[lang].has(k));
      const extra = keys.filter((k) => !catalogue.en.has(k));
      expect({ lang, missing, extra }).toEqual({ lang, missing: [], extra: [] });
    }
  });

  it("has a catalogue file per language in every folder that has one", () => {
    const files = catalogueFiles();
    const folders = (lang: string) => files[lang as "en"].map((f) => f.replace(/[a-z]{2}\.json$/, ""));
    expect(folders("fr")).toEqual(folders("en"));
    expect(folders("es")).toEqual(folders("en"));
  });

  it("has only valid ICU messages using the same placeholders in each language", () => {
    /** The names of the values a message needs (arguments, plurals, selects), nested ones included. */
    const placeholders = (source: string): string => {
      const names = new Set<string>();
      const walk = (elements: MessageFormatElement[]) => {
        for (const element of elements) {
          if (element.type !== TYPE.literal && "value" in element) names.add(String(element.value));
          if ("options" in element) for (const option of Object.values(element.options)) walk(option.value);
          if ("children" in element) walk(element.children);
        }
      };
      walk(parse(source));
      return [...names].sort().join(",");
    };
    for (const [key, en] of catalogue.en) {
      for (const lang of LANGS) {
        const source = catalogue[lang].get(key) ?? "";
        expect(() => new IntlMessageFormat(source, lang), `${lang}:${key}`).not.toThrow();
        expect(new Set(placeholders(source).split(",")), `${lang}:${key}`).toEqual(
          new Set(placeholders(en).split(",")),
        );
        expect(source.trim(), `${lang}:${key} is empty`).not.toBe("");
      }
    }
  });

  it("are valid JSON files", () => {
    for (const lang of LANGS) for (const file of catalogueFiles()[lang]) JSON.parse(readFileSync(file, "utf8"));
  });

  it("reports a missing key instead of printing nothing", () => {
    const missing: string[] = [];
    const t = translator(catalogue, "fr", (key) => missing.push(key));
    expect(t("no.such.key")).toBe("no.such.key");
    expect(missing).toEqual(["no.such.key"]);
  });
});

describe("formatDate", () => {
  it("writes dates the way each language does", () => {
    expect(formatDate("en", "2022-07-15")).toBe("July 15, 2022");
    expect(formatDate("fr", "2022-07-15")).toBe("15 juillet 2022");
    expect(formatDate("es", "2022-07-15")).toBe("15 de julio de 2022");
    expect(formatDate("fr", "2022-05-01", "month")).toBe("mai 2022");
  });
});
