import { describe, expect, it } from "vitest";
import economies from "../../../data/demo/economies.json" with { type: "json" };
import { LANGS, type Lang } from "../../i18n/lang.js";
import {
  ALIASES,
  ECONOMY_CODES,
  economyName,
  normalizeEconomyName,
  resolveEconomyName,
} from "./names.js";

describe("economies.json", () => {
  it("has every WTO member including the European Union, once each", () => {
    // The WTO counts the EU among its 166 members (since Comoros and Timor-Leste joined in
    // 2024), so the file holds 165 states or customs territories plus the EU.
    expect(economies).toHaveLength(166);
    expect(ECONOMY_CODES).toHaveLength(166);
    expect(new Set(ECONOMY_CODES).size).toBe(ECONOMY_CODES.length);
    expect(ECONOMY_CODES).toContain("EU");
    expect(ECONOMY_CODES).toContain("KM");
    expect(ECONOMY_CODES).toContain("TL");
  });

  it("is sorted by code", () => {
    expect([...ECONOMY_CODES]).toEqual([...ECONOMY_CODES].sort());
  });

  it("includes the 27 EU member states", () => {
    const eu27 = [
      "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];
    expect(eu27).toHaveLength(27);
    for (const code of eu27) expect(ECONOMY_CODES).toContain(code);
  });

  it("has well-formed fields", () => {
    const regions = new Set(["africa", "americas", "asia", "europe", "oceania"]);
    for (const e of economies) {
      expect(e.code).toMatch(/^[A-Z]{2}$/);
      if (e.code === "EU") expect(e.numeric).toBeNull();
      else expect(e.numeric).toMatch(/^\d{3}$/);
      expect(regions.has(e.region)).toBe(true);
      expect(e.wtoMemberSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.wtoMemberSince >= "1995-01-01").toBe(true);
      expect(e.source).toMatch(/^https:\/\/www\.wto\.org\//);
    }
  });
});

describe("economyName", () => {
  const expected: Record<string, Record<Lang, string>> = {
    HK: { en: "Hong Kong, China", fr: "Hong Kong, Chine", es: "Hong Kong, China" },
    MO: { en: "Macao, China", fr: "Macao, Chine", es: "Macao, China" },
    TW: { en: "Chinese Taipei", fr: "Taipei chinois", es: "Taipei Chino" },
    TR: { en: "Türkiye", fr: "Türkiye", es: "Türkiye" },
    VN: { en: "Viet Nam", fr: "Viet Nam", es: "Viet Nam" },
    EU: { en: "European Union", fr: "Union européenne", es: "Unión Europea" },
    KR: { en: "Korea, Republic of", fr: "Corée, République de", es: "Corea, República de" },
    KG: { en: "Kyrgyz Republic", fr: "République kirghize", es: "República Kirguisa" },
    RU: { en: "Russian Federation", fr: "Fédération de Russie", es: "Federación de Rusia" },
    MD: { en: "Moldova, Republic of", fr: "Moldova, République de", es: "Moldova, República de" },
    LA: {
      en: "Lao People's Democratic Republic",
      fr: "République démocratique populaire lao",
      es: "República Democrática Popular Lao",
    },
    GM: { en: "The Gambia", fr: "Gambie", es: "Gambia" },
    BH: { en: "Bahrain, Kingdom of", fr: "Bahreïn, Royaume de", es: "Reino de Bahrein" },
    SA: {
      en: "Saudi Arabia, Kingdom of",
      fr: "Arabie saoudite, Royaume d'",
      es: "Reino de la Arabia Saudita",
    },
    BN: { en: "Brunei Darussalam", fr: "Brunéi Darussalam", es: "Brunei Darussalam" },
    CI: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire" },
    SK: { en: "Slovak Republic", fr: "République slovaque", es: "República Eslovaca" },
    CZ: { en: "Czech Republic", fr: "République tchèque", es: "República Checa" },
    EG: { en: "Egypt", fr: "Égypte", es: "Egipto" },
    US: { en: "United States", fr: "États-Unis", es: "Estados Unidos" },
  };

  for (const [code, names] of Object.entries(expected)) {
    it(`names ${code} in WTO style`, () => {
      for (const lang of LANGS) expect(economyName(code, lang)).toBe(names[lang]);
    });
  }

  it("gives every economy a real name in every language, with straight apostrophes", () => {
    for (const code of ECONOMY_CODES) {
      for (const lang of LANGS) {
        const name = economyName(code, lang);
        expect(name.trim(), `${code}/${lang}`).not.toBe("");
        expect(name, `${code}/${lang}`).not.toBe(code);
        expect(name, `${code}/${lang}`).not.toContain("’");
      }
    }
  });

  it("gives distinct economies distinct names", () => {
    for (const lang of LANGS) {
      const seen = new Map<string, string>();
      for (const code of ECONOMY_CODES) {
        const key = normalizeEconomyName(economyName(code, lang));
        expect(seen.get(key), `${key} (${lang})`).toBeUndefined();
        seen.set(key, code);
      }
    }
  });

  it("returns an unknown code unchanged", () => {
    expect(economyName("not a code", "en")).toBe("not a code");
  });
});

describe("resolveEconomyName", () => {
  // The members of the MSME Group as listed in the footnote of its 2022 annual report.
  const msmeGroup2022 = [
    "Afghanistan", "Albania", "Antigua and Barbuda", "Argentina", "Armenia", "Australia",
    "Bahrain, Kingdom of", "Belize", "Brazil", "Brunei Darussalam", "Canada", "Chile", "China",
    "Colombia", "Costa Rica", "Côte d'Ivoire", "Dominica", "Dominican Republic", "Ecuador",
    "El Salvador", "The Gambia", "Georgia", "Grenada", "Guatemala", "Guyana", "Honduras",
    "Hong Kong, China", "Iceland", "Israel", "Japan", "Kazakhstan", "Kenya",
    "Korea, Republic of", "Kyrgyz Republic", "Lao People's Democratic Republic",
    "Liechtenstein", "Macao, China", "Malaysia", "Mexico", "Moldova, Republic of", "Mongolia",
    "Montenegro", "Myanmar", "New Zealand", "Nicaragua", "Nigeria", "North Macedonia",
    "Norway", "Pakistan", "Paraguay", "Peru", "Philippines", "Qatar", "Russian Federation",
    "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines",
    "Saudi Arabia, Kingdom of", "Singapore", "Switzerland", "Chinese Taipei", "Tajikistan",
    "Türkiye", "Ukraine", "United Kingdom", "Uruguay", "Viet Nam",
  ];

  it("resolves every MSME Group member of 2022 to a distinct WTO economy", () => {
    const codes = msmeGroup2022.map((name) => resolveEconomyName(name));
    codes.forEach((code, i) => {
      expect(code, msmeGroup2022[i]).toBeDefined();
      expect(ECONOMY_CODES, msmeGroup2022[i]).toContain(code);
    });
    expect(new Set(codes).size).toBe(msmeGroup2022.length);
  });

  it.each([
    ["Korea, Republic of", "KR"],
    ["Bahrain, Kingdom of", "BH"],
    ["Moldova, Republic of", "MD"],
    ["Lao People's Democratic Republic", "LA"],
    ["Kyrgyz Republic", "KG"],
    ["The Gambia", "GM"],
    ["Hong Kong, China", "HK"],
    ["Macao, China", "MO"],
    ["Chinese Taipei", "TW"],
    ["Türkiye", "TR"],
    ["Viet Nam", "VN"],
    ["Russian Federation", "RU"],
    ["Saudi Arabia, Kingdom of", "SA"],
    ["Côte d'Ivoire", "CI"],
    ["United Kingdom", "GB"],
    ["Switzerland", "CH"],
  ])("resolves %s to %s", (name, code) => {
    expect(resolveEconomyName(name)).toBe(code);
  });

  it.each([
    // French and Spanish WTO names.
    ["Côte d’Ivoire", "CI"],
    ["cote d'ivoire", "CI"],
    ["Taipei Chino", "TW"],
    ["Taipei chinois", "TW"],
    ["Hong Kong, Chine", "HK"],
    ["Corée, République de", "KR"],
    ["Reino de Bahrein", "BH"],
    ["Reino de la Arabia Saudita", "SA"],
    ["République kirghize", "KG"],
    ["Federación de Rusia", "RU"],
    ["Union européenne", "EU"],
    ["Unión Europea", "EU"],
    // Common variants and aliases.
    ["Republic of Korea", "KR"],
    ["Kingdom of Saudi Arabia", "SA"],
    ["Lao PDR", "LA"],
    ["Macau", "MO"],
    ["Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu", "TW"],
    ["Turkey", "TR"],
    ["Vietnam", "VN"],
    ["Kyrgyzstan", "KG"],
    ["Russia", "RU"],
    ["Gambia, The", "GM"],
    ["Gambia", "GM"],
    ["Cabo Verde", "CV"],
    ["Cape Verde", "CV"],
    ["Ivory Coast", "CI"],
    ["Czechia", "CZ"],
    ["Czech Republic", "CZ"],
    ["Slovak Republic", "SK"],
    ["Brunei", "BN"],
    ["Eswatini", "SZ"],
    ["Swaziland", "SZ"],
    ["Venezuela, Bolivarian Republic of", "VE"],
    ["Bolivia, Plurinational State of", "BO"],
    ["Congo, Democratic Republic of", "CD"],
    ["Democratic Republic of the Congo", "CD"],
    ["Congo", "CG"],
    ["United States of America", "US"],
    ["United States", "US"],
    ["European Communities", "EU"],
    ["Kuwait, the State of", "KW"],
    ["South Korea", "KR"],
    // Spelling noise: case, no-break and repeated spaces, typographic apostrophes, "the".
    ["  LAO PEOPLE’S\u00a0DEMOCRATIC   REPUBLIC ", "LA"],
    ["the gambia", "GM"],
    ["TÜRKIYE", "TR"],
    ["turkiye", "TR"],
    ["Viet\u202fNam", "VN"],
  ])("resolves %s to %s", (name, code) => {
    expect(resolveEconomyName(name)).toBe(code);
  });

  it("resolves non-member parties to RTAs to their ISO code, outside ECONOMY_CODES", () => {
    expect(resolveEconomyName("Serbia")).toBe("RS");
    expect(resolveEconomyName("Faeroe Islands")).toBe("FO");
    expect(ECONOMY_CODES).not.toContain("RS");
  });

  it.each([
    "Atlantis",
    "",
    "   ",
    "European Free Trade Association (EFTA)",
    "EFTA",
    "Southern Common Market (MERCOSUR)",
    "Southern African Customs Union (SACU)",
    "Gulf Cooperation Council (GCC)",
  ])("returns undefined for %j", (name) => {
    expect(resolveEconomyName(name)).toBeUndefined();
  });

  it("has aliases that agree with the economies' own names", () => {
    // An alias must never point a WTO name at a different economy.
    for (const [alias, code] of Object.entries(ALIASES)) {
      expect(resolveEconomyName(alias), alias).toBe(code);
    }
  });
});
