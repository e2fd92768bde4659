/** The platform's three languages, in the order the WTO lists them. */
export const LANGS = ["en", "fr", "es"] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}
