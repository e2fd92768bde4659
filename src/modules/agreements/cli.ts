import type { Command } from "commander";
import cliProgress from "cli-progress";
import { systemActor } from "../../actor.js";
import { AppError } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import type { CliContext } from "../../module.js";
import { parseExport, type RowProblem } from "./rows.js";
import { importAgreements, type ImportReport, rtaNameMap } from "./service.js";
import { readExport } from "./workbook.js";

const t = messages("en");

/** One problem as a line: where it is and what is wrong. */
export function problemLine(p: RowProblem): string {
  const where = `${p.sheet} row ${p.row}${p.rtaId ? ` (RTA ${p.rtaId})` : ""}, ${p.column}`;
  return `${where}: ${t(`agreements.import.problems.${p.problem}`)}${p.text ? ` "${p.text}"` : ""}`;
}

/** The report an import prints at the end. */
export function reportLines(report: ImportReport): string[] {
  const lines = [
    `${report.rowsRead} agreements read (${report.changesRead} history rows): ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged} unchanged, ${new Set(report.rejected.map((r) => `${r.sheet}:${r.row}`)).size} rows rejected.`,
  ];
  if (report.updated.length) lines.push(`Updated: RTA ${report.updated.join(", ")}`);
  if (report.notInFile.length) lines.push(`On record but not in the file (kept): RTA ${report.notInFile.join(", ")}`);
  return lines;
}

/** `trade4msmes import rta <file.xlsx>`: the WTO RTA database's "All RTAs" export. */
export function agreementsCli(_program: Command, cli: CliContext) {
  cli
    .group("import", "import official files")
    .command("rta")
    .description("import the WTO RTA database's export (All RTAs, .xlsx): agreements, parties, dates, history")
    .argument("<file>", "the export, e.g. WTO_RTA_AllRTAs.xlsx")
    .option("--dry-run", "report what would change without writing")
    .action(async (file: string, options: { dryRun?: boolean }) => {
      let sheets: Awaited<ReturnType<typeof readExport>>;
      try {
        sheets = await readExport(file);
      } catch (error) {
        if (error instanceof AppError) {
          cli.warn(`${file}: ${t(error.messageKey)}`);
          process.exitCode = 2;
          return;
        }
        if ((error as { code?: string }).code === "ENOENT") {
          cli.warn(`${file}: no such file`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
      const parsed = parseExport(sheets.agreements, sheets.changes, await rtaNameMap());
      // A bar only where a person watches; logs and pipes get the report alone.
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: "{bar} {value}/{total} agreements" }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(parsed.agreements.length, 0);
      const report = await cli.withDatabase(({ db }) =>
        importAgreements(systemActor("cli"), db, parsed, { dryRun: options.dryRun, progress: (done) => bar?.update(done) }),
      );
      bar?.stop();
      for (const line of reportLines(report)) cli.say(line);
      for (const p of report.rejected) cli.warn(`Rejected: ${problemLine(p)}`);
      for (const p of report.warnings) cli.warn(`Note: ${problemLine(p)}`);
      if (options.dryRun) cli.say("Dry run: nothing was written.");
      else cli.say(report.written ? "Written." : "Nothing to write.");
      if (report.rejected.length) process.exitCode = 1;
    });
}
