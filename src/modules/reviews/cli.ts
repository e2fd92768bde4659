import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { parse } from "csv-parse/sync";
import { systemActor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import type { CliContext } from "../../module.js";
import { type ImportReport, importReferences } from "./service.js";

/** Reads a CSV file (UTF-8, a BOM allowed, a header row of column names) into its rows. */
export function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } | { error: string } {
  try {
    const records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: false, skip_empty_lines: true }) as string[][];
    const [header = [], ...rest] = records;
    const names = header.map((h) => h.trim());
    return { header: names, rows: rest.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]))) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Imports a CSV file's references; the report as lines for the command line. */
export async function importFile(db: Db, text: string, dryRun: boolean): Promise<{ report?: ImportReport; lines: string[]; ok: boolean }> {
  const csv = readCsv(text);
  if ("error" in csv) return { lines: [`Not a CSV file this import can read: ${csv.error}`], ok: false };
  const report = await importReferences(systemActor("cli"), db, csv.header, csv.rows, { dryRun });
  const lines = report.problems.map((p) => `row ${p.row}, column ${p.column}: ${p.problem}`);
  if (report.problems.length > 0) {
    lines.push(`${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} in ${report.rows} rows: nothing was written.`);
    return { report, lines, ok: false };
  }
  lines.push(`${report.rows} rows: ${report.referencesCreated} references, ${report.reviewsCreated} new reviews.`);
  lines.push(dryRun ? "Dry run: nothing was written." : "Written.");
  return { report, lines, ok: true };
}

/** `trade4msmes import tpr-references <file.csv>`: MSME references in Trade Policy Reviews. */
export function reviewsCli(_program: Command, cli: CliContext) {
  cli
    .group("import", "import official files")
    .command("tpr-references")
    .description("import MSME references in Trade Policy Reviews from a CSV file (columns in the README); nothing is written when a row is rejected")
    .argument("<file>", "CSV file, UTF-8, with a header row")
    .option("--dry-run", "check every row and report, without writing")
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const text = await readFile(file, "utf8");
      await cli.withDatabase(async ({ db }) => {
        const result = await importFile(db, text, options.dryRun ?? false);
        for (const line of result.lines) (result.ok ? cli.say : cli.warn)(line);
        if (!result.ok) process.exitCode = 1;
      });
    });
}
