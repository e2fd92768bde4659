import { stringify } from "csv-stringify/sync";

/**
 * A CSV file for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents), and every
 * cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe
 * (OWASP "CSV injection"): a name typed into a form can never become a formula on someone's desk.
 */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const safe = (cell: unknown) => {
    const text = cell === null || cell === undefined ? "" : String(cell);
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  };
  return `\ufeff${stringify([header.map(safe), ...rows.map((row) => row.map(safe))])}`;
}
