import { describe, expect, it } from "vitest";
import { negotiateLang } from "./negotiate.js";

describe("negotiateLang", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["fr-CH, fr;q=0.9, en;q=0.8", "fr"],
    ["es-419,es;q=0.9", "es"],
    ["de-DE,de;q=0.9,es;q=0.5,fr;q=0.4", "es"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["fr;q=0, es", "es"],
    ["*", "en"],
    ["zh-CN", "en"],
    ["garbage;;;q=abc, ,", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLang(header)).toBe(expected);
  });
});
