import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";

/**
 * A CSV file for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents), and every
 * cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe
 * (OWASP "CSV injection"): a name typed into a form can never become a formula on someone's desk.
 */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\ufeff${stringify([header.map(defuseFormula), ...rows.map((row) => row.map(defuseFormula))])}`;
}

/** A cell as text that no spreadsheet runs as a formula. */
export function defuseFormula(cell: unknown): string {
  const text = cell === null || cell === undefined ? "" : String(cell);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Sends a CSV download named `<name>.csv`. */
export function sendCsv(reply: FastifyReply, name: string, header: readonly string[], rows: readonly (readonly unknown[])[]) {
  return reply
    .type("text/csv; charset=utf-8")
    .header("Content-Disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "-")}.csv"`)
    .send(spreadsheetCsv(header, rows));
}
