import { publishedTexts, resolveText, translationStatuses } from "../../i18n/content.js";
import { isLang, type Lang } from "../../i18n/lang.js";
import type { FileRow, ListedRow } from "./repo.js";
import type { DocumentDetail, DocumentFile, DocumentSummary } from "./schema.js";
import { documentPath } from "./symbol.js";

export { documentPath };

/** The address of one language version of a document. */
export const filePath = (symbol: string, lang: Lang): string => `${documentPath(symbol)}/files/${lang}`;

/** Exactly what leaves the server about a document in a list. */
export function presentSummary(row: ListedRow, lang: Lang): DocumentSummary {
  // One rule for every translatable text: the reader's language, else the one it was written in.
  const shown = resolveText(row.title, lang);
  return {
    symbol: row.symbol,
    kind: row.kind,
    date: row.date,
    title: shown?.text ?? null,
    titleLang: shown?.lang ?? null,
    titleSourceLang: row.title.source ?? null,
    titleVerified: row.title_verified,
    translations: translationStatuses(row.title),
    restriction: row.restriction,
    restrictedUntil: row.restricted_until,
    revises: row.revises_symbol,
    source: row.source,
    verifiedOn: row.verified_on,
    verifiedBy: row.verified_by,
    languages: row.languages.filter(isLang),
  };
}

export function presentFile(symbol: string, file: FileRow): DocumentFile {
  const lang = isLang(file.lang) ? file.lang : "en";
  return { lang, name: file.name, type: file.type, size: file.size, sha256: file.sha256, url: `/${lang}${filePath(symbol, lang)}` };
}

export function presentDetail(
  row: ListedRow,
  lang: Lang,
  files: FileRow[],
  chain: { symbol: string; date: string | null; kind: DocumentDetail["kind"] }[],
): DocumentDetail {
  return { ...presentSummary(row, lang), titles: publishedTexts(row.title), files: files.map((f) => presentFile(row.symbol, f)), chain };
}
