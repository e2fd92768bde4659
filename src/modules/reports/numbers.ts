import type { Lang } from "../../i18n/lang.js";

/**
 * Numbers as a report writes them, in the platform's languages. `numberWords` spells 0 to 100;
 * `reportNumber` follows the WTO's reports: words up to ten ("five open-ended meetings", "cinq
 * réunions", "cinco reuniones"), figures above ("95 members").
 *
 * The word for one agrees with what is counted: French "une réunion", "vingt et une réunions";
 * Spanish "una reunión", and before a masculine noun the short form "un miembro", "veintiún
 * miembros", "treinta y un miembros" (`uno` stands alone).
 */
export type Gender = "m" | "f";

export interface WordOptions {
  /** The gender of what is counted (French and Spanish). Default masculine. */
  gender?: Gender;
  /** Whether the number stands before its noun (default), as counts in a report do. */
  beforeNoun?: boolean;
}

const EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function english(n: number): string {
  if (n === 100) return "one hundred";
  if (n < 20) return EN_UNITS[n] ?? "";
  const unit = n % 10;
  const tens = EN_TENS[Math.floor(n / 10)] ?? "";
  return unit === 0 ? tens : `${tens}-${EN_UNITS[unit]}`;
}

const FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"];
const FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

function french(n: number, gender: Gender): string {
  const one = gender === "f" ? "une" : "un";
  if (n === 1) return one;
  if (n === 100) return "cent";
  if (n < 20) return FR_UNITS[n] ?? "";
  if (n < 70) {
    const unit = n % 10;
    const tens = FR_TENS[Math.floor(n / 10)] ?? "";
    if (unit === 0) return tens;
    if (unit === 1) return `${tens} et ${one}`;
    return `${tens}-${FR_UNITS[unit]}`;
  }
  if (n < 80) {
    // soixante-dix, soixante et onze, soixante-douze … soixante-dix-neuf
    const rest = n - 60;
    return rest === 11 ? "soixante et onze" : `soixante-${FR_UNITS[rest]}`;
  }
  // quatre-vingts, quatre-vingt-un(e), … quatre-vingt-dix, quatre-vingt-onze, … quatre-vingt-dix-neuf
  const rest = n - 80;
  if (rest === 0) return "quatre-vingts";
  if (rest === 1) return `quatre-vingt-${one}`;
  return `quatre-vingt-${FR_UNITS[rest]}`;
}

const ES_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"];
const ES_TWENTIES = ["veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"];
const ES_TENS = ["", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];

function spanish(n: number, gender: Gender, beforeNoun: boolean): string {
  // uno → una before or for a feminine noun, un before a masculine one.
  const one = (word: string) => (gender === "f" ? word.replace(/uno$/, "una") : beforeNoun ? word.replace(/veintiuno$/, "veintiún").replace(/uno$/, "un") : word);
  if (n === 100) return "cien";
  if (n < 20) return n === 1 ? one("uno") : (ES_UNITS[n] ?? "");
  if (n < 30) return n === 21 ? one("veintiuno") : (ES_TWENTIES[n - 20] ?? "");
  const unit = n % 10;
  const tens = ES_TENS[Math.floor(n / 10)] ?? "";
  if (unit === 0) return tens;
  return `${tens} y ${unit === 1 ? one("uno") : ES_UNITS[unit]}`;
}

/** A whole number from 0 to 100 in words; outside that range, in figures. */
export function numberWords(n: number, lang: Lang, options: WordOptions = {}): string {
  if (!Number.isInteger(n) || n < 0 || n > 100) return new Intl.NumberFormat(lang).format(n);
  const gender = options.gender ?? "m";
  if (lang === "fr") return french(n, gender);
  if (lang === "es") return spanish(n, gender, options.beforeNoun ?? true);
  return english(n);
}

/** A count as a report writes it: words up to ten, figures above. */
export function reportNumber(n: number, lang: Lang, options: WordOptions = {}): string {
  return Number.isInteger(n) && n >= 0 && n <= 10 ? numberWords(n, lang, options) : new Intl.NumberFormat(lang).format(n);
}

const EN_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const FR_ORDINALS = ["", "premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième", "dixième"];
const ES_ORDINALS = ["", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno", "décimo"];

/** "first", "première", "primera" … up to tenth, then figures ("11th", "11e", "11.ª"), agreeing with the noun that follows. */
export function ordinalWords(n: number, lang: Lang, options: WordOptions = {}): string {
  const gender = options.gender ?? "m";
  if (lang === "fr") {
    if (n === 1) return gender === "f" ? "première" : "premier";
    return FR_ORDINALS[n] ?? `${n}e`;
  }
  if (lang === "es") {
    const word = ES_ORDINALS[n];
    if (!word) return `${n}.${gender === "f" ? "ª" : "º"}`;
    if (gender === "f") return word.replace(/o$/, "a");
    // primero, tercero lose their last letter before a masculine noun.
    return (options.beforeNoun ?? true) ? word.replace(/^(primer|tercer)o$/, "$1") : word;
  }
  const word = EN_ORDINALS[n];
  if (word) return word;
  const last = n % 10;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? "th" : last === 1 ? "st" : last === 2 ? "nd" : last === 3 ? "rd" : "th"}`;
}
