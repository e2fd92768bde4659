import { describe, expect, it } from "vitest";
import { numberWords, ordinalWords, reportNumber } from "./numbers.js";

describe("numberWords", () => {
  it("spells English numbers with hyphens between tens and units", () => {
    const cases: [number, string][] = [
      [0, "zero"],
      [5, "five"],
      [13, "thirteen"],
      [20, "twenty"],
      [21, "twenty-one"],
      [45, "forty-five"],
      [88, "eighty-eight"],
      [95, "ninety-five"],
      [100, "one hundred"],
    ];
    for (const [n, words] of cases) expect(numberWords(n, "en")).toBe(words);
  });

  it("spells French numbers, with 'et un', the 70s and 80s and 90s, and 'une' for a feminine noun", () => {
    const cases: [number, string][] = [
      [0, "zéro"],
      [1, "un"],
      [5, "cinq"],
      [16, "seize"],
      [17, "dix-sept"],
      [21, "vingt et un"],
      [22, "vingt-deux"],
      [61, "soixante et un"],
      [70, "soixante-dix"],
      [71, "soixante et onze"],
      [77, "soixante-dix-sept"],
      [80, "quatre-vingts"],
      [81, "quatre-vingt-un"],
      [88, "quatre-vingt-huit"],
      [90, "quatre-vingt-dix"],
      [91, "quatre-vingt-onze"],
      [95, "quatre-vingt-quinze"],
      [99, "quatre-vingt-dix-neuf"],
      [100, "cent"],
    ];
    for (const [n, words] of cases) expect(numberWords(n, "fr"), String(n)).toBe(words);
    expect(numberWords(1, "fr", { gender: "f" })).toBe("une");
    expect(numberWords(21, "fr", { gender: "f" })).toBe("vingt et une");
    expect(numberWords(81, "fr", { gender: "f" })).toBe("quatre-vingt-une");
    expect(numberWords(71, "fr", { gender: "f" })).toBe("soixante et onze");
    expect(numberWords(5, "fr", { gender: "f" })).toBe("cinq");
  });

  it("spells Spanish numbers, with the short forms before a masculine noun and 'una' for a feminine one", () => {
    const cases: [number, string][] = [
      [0, "cero"],
      [5, "cinco"],
      [16, "dieciséis"],
      [22, "veintidós"],
      [26, "veintiséis"],
      [30, "treinta"],
      [35, "treinta y cinco"],
      [88, "ochenta y ocho"],
      [95, "noventa y cinco"],
      [100, "cien"],
    ];
    for (const [n, words] of cases) expect(numberWords(n, "es"), String(n)).toBe(words);
    expect(numberWords(1, "es")).toBe("un");
    expect(numberWords(1, "es", { beforeNoun: false })).toBe("uno");
    expect(numberWords(21, "es")).toBe("veintiún");
    expect(numberWords(21, "es", { beforeNoun: false })).toBe("veintiuno");
    expect(numberWords(31, "es")).toBe("treinta y un");
    expect(numberWords(1, "es", { gender: "f" })).toBe("una");
    expect(numberWords(21, "es", { gender: "f" })).toBe("veintiuna");
    expect(numberWords(41, "es", { gender: "f" })).toBe("cuarenta y una");
  });

  it("has one word form for every number from 0 to 100, and figures outside", () => {
    for (const lang of ["en", "fr", "es"] as const) {
      const all = new Set(Array.from({ length: 101 }, (_, n) => numberWords(n, lang)));
      expect(all.size, lang).toBe(101);
      for (const w of all) expect(w, lang).toMatch(/^[a-zà-ÿ -]+$/);
    }
    expect(numberWords(101, "en")).toBe("101");
    expect(numberWords(-1, "fr")).toBe("-1");
    expect(numberWords(2.5, "es")).toBe("2,5");
  });
});

describe("reportNumber", () => {
  it("writes words up to ten and figures above, as the Group's reports do", () => {
    expect(reportNumber(5, "en")).toBe("five");
    expect(reportNumber(5, "fr", { gender: "f" })).toBe("cinq");
    expect(reportNumber(1, "fr", { gender: "f" })).toBe("une");
    expect(reportNumber(1, "es", { gender: "f" })).toBe("una");
    expect(reportNumber(10, "es")).toBe("diez");
    expect(reportNumber(95, "en")).toBe("95");
    expect(reportNumber(1000, "en")).toBe("1,000");
  });
});

describe("ordinalWords", () => {
  it("agrees with the noun", () => {
    expect(ordinalWords(1, "en")).toBe("first");
    expect(ordinalWords(5, "en")).toBe("fifth");
    expect(ordinalWords(12, "en")).toBe("12th");
    expect(ordinalWords(22, "en")).toBe("22nd");
    expect(ordinalWords(1, "fr", { gender: "f" })).toBe("première");
    expect(ordinalWords(1, "fr")).toBe("premier");
    expect(ordinalWords(3, "fr", { gender: "f" })).toBe("troisième");
    expect(ordinalWords(1, "es", { gender: "f" })).toBe("primera");
    expect(ordinalWords(1, "es")).toBe("primer");
    expect(ordinalWords(3, "es")).toBe("tercer");
    expect(ordinalWords(5, "es", { gender: "f" })).toBe("quinta");
    expect(ordinalWords(11, "es", { gender: "f" })).toBe("11.ª");
  });
});
