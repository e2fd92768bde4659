/**
 * Names of WTO economies in WTO style (English, French, Spanish) and a resolver that turns a
 * name as written in WTO documents or in the WTO RTA database export back into a code.
 *
 * Codes are ISO 3166-1 alpha-2 (upper case), plus "EU" for the European Union and "TW" for
 * Chinese Taipei. Names come from CLDR through `Intl.DisplayNames`, corrected by `WTO_NAMES`
 * wherever the WTO's official naming differs from CLDR's.
 */
import economies from "../../../data/demo/economies.json" with { type: "json" };
import { LANGS, type Lang } from "../../i18n/lang.js";

/** Every WTO member plus the European Union, in code order (from data/demo/economies.json). */
export const ECONOMY_CODES: readonly string[] = Object.freeze(economies.map((e) => e.code));

/**
 * WTO names that differ from CLDR's (as shipped with Node 20 / ICU 78), per language, following
 * the WTO members pages (org6_e / org6_f / org6_s). A few entries equal CLDR's today
 * (e.g. "Türkiye" in English, "European Union") and are kept so that the WTO form survives an
 * ICU upgrade that changes CLDR. Apostrophes are straight (') everywhere.
 */
export const WTO_NAMES: Readonly<Record<string, Partial<Record<Lang, string>>>> = {
  AG: { en: "Antigua and Barbuda" },
  BD: { es: "Bangladesh" },
  BH: { en: "Bahrain, Kingdom of", fr: "Bahreïn, Royaume de", es: "Reino de Bahrein" },
  BJ: { es: "Benin" },
  BN: { en: "Brunei Darussalam", fr: "Brunéi Darussalam", es: "Brunei Darussalam" },
  BO: {
    en: "Bolivia, Plurinational State of",
    fr: "Bolivie, État plurinational de",
    es: "Bolivia, Estado Plurinacional de",
  },
  BW: { es: "Botswana" },
  CD: {
    en: "Democratic Republic of the Congo",
    fr: "République démocratique du Congo",
    es: "República Democrática del Congo",
  },
  CG: { en: "Congo", fr: "Congo", es: "Congo" },
  CI: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire" },
  CV: { en: "Cabo Verde", fr: "Cabo Verde", es: "Cabo Verde" },
  CZ: { en: "Czech Republic", fr: "République tchèque", es: "República Checa" },
  DJ: { es: "Djibouti" },
  EU: { en: "European Union", fr: "Union européenne", es: "Unión Europea" },
  FJ: { es: "Fiji" },
  GM: { en: "The Gambia", fr: "Gambie", es: "Gambia" },
  GW: { es: "Guinea-Bissau" },
  HK: { en: "Hong Kong, China", fr: "Hong Kong, Chine", es: "Hong Kong, China" },
  KE: { es: "Kenya" },
  KG: { en: "Kyrgyz Republic", fr: "République kirghize", es: "República Kirguisa" },
  KN: { en: "Saint Kitts and Nevis", fr: "Saint-Kitts-et-Nevis", es: "Saint Kitts y Nevis" },
  KR: { en: "Korea, Republic of", fr: "Corée, République de", es: "Corea, República de" },
  KW: { en: "Kuwait, the State of", fr: "Koweït, l'État du", es: "Kuwait, el Estado de" },
  KZ: { es: "Kazajstán" },
  LA: {
    en: "Lao People's Democratic Republic",
    fr: "République démocratique populaire lao",
    es: "República Democrática Popular Lao",
  },
  LC: { en: "Saint Lucia" },
  LR: { fr: "Libéria" },
  LS: { es: "Lesotho" },
  MD: { en: "Moldova, Republic of", fr: "Moldova, République de", es: "Moldova, República de" },
  ML: { es: "Malí" },
  MM: { en: "Myanmar", fr: "Myanmar", es: "Myanmar" },
  MO: { en: "Macao, China", fr: "Macao, Chine", es: "Macao, China" },
  MW: { es: "Malawi" },
  NG: { fr: "Nigéria" },
  NZ: { es: "Nueva Zelandia" },
  PG: { es: "Papua Nueva Guinea" },
  QA: { es: "Qatar" },
  RO: { es: "Rumania" },
  RU: { en: "Russian Federation", fr: "Fédération de Russie", es: "Federación de Rusia" },
  RW: { es: "Rwanda" },
  SA: {
    en: "Saudi Arabia, Kingdom of",
    fr: "Arabie saoudite, Royaume d'",
    es: "Reino de la Arabia Saudita",
  },
  SK: { en: "Slovak Republic", fr: "République slovaque", es: "República Eslovaca" },
  SR: { es: "Suriname" },
  SV: { fr: "El Salvador" },
  SZ: { es: "Eswatini" },
  TL: { fr: "Timor-Leste" },
  TR: { en: "Türkiye", fr: "Türkiye", es: "Türkiye" },
  TT: { en: "Trinidad and Tobago" },
  TW: { en: "Chinese Taipei", fr: "Taipei chinois", es: "Taipei Chino" },
  TZ: { es: "Tanzanía" },
  VC: { en: "Saint Vincent and the Grenadines" },
  VE: {
    en: "Venezuela, Bolivarian Republic of",
    fr: "Venezuela, République bolivarienne du",
    es: "Venezuela, República Bolivariana de",
  },
  VN: { en: "Viet Nam", fr: "Viet Nam", es: "Viet Nam" },
  ZW: { es: "Zimbabwe" },
};

/**
 * Other spellings found in WTO documents, the WTO RTA export and common usage, mapped to codes.
 * Names that `economyName` already produces (in any language) need not be listed, nor plain
 * CLDR names (they are indexed too); some are listed anyway as documentation of what must
 * resolve. Blocs (EFTA, MERCOSUR, SACU, EAEU, GCC, …) are deliberately absent: they are not
 * economies and expand to members elsewhere.
 */
export const ALIASES: Readonly<Record<string, string>> = {
  // WTO style and its common variants.
  "Korea, Republic of": "KR",
  "Republic of Korea": "KR",
  "Bahrain, Kingdom of": "BH",
  "Kingdom of Bahrain": "BH",
  "Saudi Arabia, Kingdom of": "SA",
  "Kingdom of Saudi Arabia": "SA",
  "Moldova, Republic of": "MD",
  "Republic of Moldova": "MD",
  "Lao PDR": "LA",
  "Hong Kong, China": "HK",
  "Hong Kong": "HK",
  "Macao, China": "MO",
  Macau: "MO",
  "Macau, China": "MO",
  "Chinese Taipei": "TW",
  "Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu": "TW",
  Turkey: "TR",
  "Türkiye": "TR",
  Vietnam: "VN",
  "Viet Nam": "VN",
  Kyrgyzstan: "KG",
  "Kyrgyz Republic": "KG",
  Russia: "RU",
  "The Gambia": "GM",
  "Gambia, The": "GM",
  "Cabo Verde": "CV",
  "Cape Verde": "CV",
  "Côte d'Ivoire": "CI",
  "Ivory Coast": "CI",
  Czechia: "CZ",
  "Slovak Republic": "SK",
  Slovakia: "SK",
  Brunei: "BN",
  Eswatini: "SZ",
  Swaziland: "SZ",
  "North Macedonia": "MK",
  "Venezuela, Bolivarian Republic of": "VE",
  "Bolivia, Plurinational State of": "BO",
  "Congo, Democratic Republic of": "CD",
  "Congo, Democratic Republic of the": "CD",
  "Congo, Republic of the": "CG",
  "Republic of the Congo": "CG",
  "East Timor": "TL",
  "United States of America": "US",
  "United States": "US",
  "United Kingdom": "GB",
  "European Union": "EU",
  // The EU's name in the WTO until 30 November 2009.
  "European Communities": "EU",
  Kuwait: "KW",
  Tanzania: "TZ",
  "United Republic of Tanzania": "TZ",

  // Parties to agreements in the WTO RTA export that are not WTO members (or are territories of
  // one), written as the export writes them. They resolve to their own ISO code, which is not
  // in ECONOMY_CODES. "Netherlands Antilles" and the former Yugoslavia have no current ISO
  // alpha-2 code (CLDR maps AN and YU to other regions), so they are left unresolved.
  Algeria: "DZ",
  Andorra: "AD",
  Anguilla: "AI",
  Azerbaijan: "AZ",
  Bahamas: "BS",
  Belarus: "BY",
  Bermuda: "BM",
  Bhutan: "BT",
  "Bosnia and Herzegovina": "BA",
  "British Indian Ocean Territory": "IO",
  "British Overseas Territory of Saint Helena, Ascension and Tristan da Cunha": "SH",
  "Cayman Islands": "KY",
  "Cook Islands": "CK",
  "Equatorial Guinea": "GQ",
  Eritrea: "ER",
  Ethiopia: "ET",
  "Faeroe Islands": "FO",
  "Faroe Islands": "FO",
  "Falkland Islands (Islas Malvinas)": "FK",
  "French Polynesia": "PF",
  "French Southern Territories": "TF",
  Greenland: "GL",
  Iran: "IR",
  Iraq: "IQ",
  Kiribati: "KI",
  "Korea, Democratic People's Republic of": "KP",
  "Kosovo (under UNSC res. 1244)": "XK",
  "Lebanese Republic": "LB",
  Libya: "LY",
  Mayotte: "YT",
  "Micronesia, Federated States of": "FM",
  Montserrat: "MS",
  Nauru: "NR",
  "Netherlands, Kingdom of, with respect to Aruba": "AW",
  "New Caledonia": "NC",
  Niue: "NU",
  Palestine: "PS",
  Pitcairn: "PN",
  "Saint Pierre and Miquelon": "PM",
  "San Marino": "SM",
  "Sao Tomé and Principe": "ST",
  Serbia: "RS",
  Somalia: "SO",
  "South Georgia and the South Sandwich Islands": "GS",
  Sudan: "SD",
  "Syrian Arab Republic": "SY",
  Turkmenistan: "TM",
  "Turks and Caicos Islands": "TC",
  Tuvalu: "TV",
  Uzbekistan: "UZ",
  "Virgin Islands, British": "VG",
  "Wallis and Futuna Islands": "WF",
  "Western Sahara": "EH",
};

// One DisplayNames per language, created on first use.
const displayNames = new Map<Lang, Intl.DisplayNames>();

function cldrName(code: string, lang: Lang): string | undefined {
  let dn = displayNames.get(lang);
  if (!dn) {
    // fallback "none": undefined rather than the code itself when CLDR has no name.
    dn = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
    displayNames.set(lang, dn);
  }
  try {
    return dn.of(code);
  } catch {
    // `of` throws a RangeError for strings that are not well-formed region codes.
    return undefined;
  }
}

/** CLDR uses the typographic apostrophe (Côte d’Ivoire); WTO texts use the straight one. */
function straightApostrophes(s: string): string {
  return s.replace(/[\u2018\u2019\u02BC]/g, "'");
}

/**
 * The WTO-style name of an economy in the given language, e.g. economyName("TW", "fr") is
 * "Taipei chinois". Unknown codes come back unchanged.
 */
export function economyName(code: string, lang: Lang): string {
  const upper = code.trim().toUpperCase();
  const name = WTO_NAMES[upper]?.[lang] ?? cldrName(upper, lang);
  return name === undefined ? code : straightApostrophes(name);
}

/**
 * The form names are compared in: Unicode-compatibility decomposed, without diacritics, lower
 * case, one kind of apostrophe, dash and space, and without a leading "the ".
 * "Côte d’Ivoire" and "COTE D'IVOIRE" both become "cote d'ivoire".
 */
export function normalizeEconomyName(name: string): string {
  return (
    name
      // Apostrophe look-alikes first: NFKD would turn the acute accent (´) into a space plus a
      // combining mark, which the next step would then drop.
      .replace(/[\u2018\u2019\u201B\u0060\u00B4\u2032\u02BC]/g, "'")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      // Hyphen and dash variants (e.g. the non-breaking hyphen in "Guinea‑Bissau").
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      // \s covers no-break, thin and other Unicode spaces; zero-width spaces are not in \s.
      .replace(/[\s\u200B]+/g, " ")
      .trim()
      .replace(/^the /, "")
  );
}

// Normalised name → code, built on first use. Earlier entries win on a clash, so WTO names
// come first, then the aliases, then the plain CLDR names (lowest authority).
let nameIndex: Map<string, string> | undefined;

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (name: string, code: string): void => {
    const key = normalizeEconomyName(name);
    if (key !== "" && !index.has(key)) index.set(key, code);
  };
  for (const code of ECONOMY_CODES) {
    for (const lang of LANGS) add(economyName(code, lang), code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) add(alias, code);
  // Plain CLDR names ("South Korea", "Corée du Sud", "Corea del Sur") for members and for the
  // non-member codes the aliases point to.
  const codes = new Set([...ECONOMY_CODES, ...Object.values(ALIASES)]);
  for (const code of codes) {
    for (const lang of LANGS) {
      const name = cldrName(code, lang);
      if (name !== undefined) add(name, code);
    }
  }
  return index;
}

/**
 * The code of an economy named as in WTO documents or the WTO RTA export, in English, French
 * or Spanish ("Korea, Republic of", "Taipei Chino", "Côte d’Ivoire"); undefined when the name
 * is unknown or is a bloc (EFTA, MERCOSUR, …). Non-members named in the RTA export (e.g.
 * "Serbia") resolve to their ISO code, which is then not in ECONOMY_CODES.
 */
export function resolveEconomyName(name: string): string | undefined {
  nameIndex ??= buildIndex();
  return nameIndex.get(normalizeEconomyName(name));
}
