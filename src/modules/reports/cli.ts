import { writeFile } from "node:fs/promises";
import { type Command, InvalidArgumentError, Option } from "commander";
import { PUBLIC } from "../../actor.js";
import { publicOrigin } from "../../config.js";
import { isLang, LANGS, type Lang } from "../../i18n/lang.js";
import type { CliContext } from "../../module.js";
import { renderReportHtml } from "./standalone.js";
import { annualReport, FORMATS, type ReportFormat, reportYear } from "./service.js";

const year = (value: string) => {
  try {
    return reportYear(value);
  } catch {
    throw new InvalidArgumentError("a year from 2017 to 2199");
  }
};
const language = (value: string): Lang => {
  if (!isLang(value)) throw new InvalidArgumentError(`one of ${LANGS.join(", ")}`);
  return value;
};

/** `trade4msmes report annual <year>`: the year's report drafted from the records, as HTML, DOCX or PDF. */
export function reportsCli(_program: Command, cli: CliContext) {
  cli
    .group("report", "reports drafted from the platform's records")
    .command("annual")
    .description("draft the MSME Group's annual report of a year from the records")
    .argument("<year>", "the year the report covers", year)
    .option("--lang <lang>", "language of the report (en, fr, es)", language, "en" as Lang)
    .addOption(new Option("--format <format>", "html, docx or pdf").choices(FORMATS).default("html"))
    .option("--out <file>", "write the report to this file (default: standard output, HTML only)")
    .action(async (y: number, options: { lang: Lang; format: ReportFormat; out?: string }) => {
      if (options.format !== "html" && !options.out) {
        cli.warn(`--format ${options.format} needs --out <file>`);
        process.exitCode = 2;
        return;
      }
      const origin = publicOrigin(cli.config());
      await cli.withDatabase(async ({ db }) => {
        const draft = await annualReport(PUBLIC, db, y, options.lang);
        const body = options.format === "docx" ? await (await import("./docx.js")).reportDocx(draft, origin) : options.format === "pdf" ? await (await import("./pdf.js")).reportPdf(draft, origin) : renderReportHtml(draft, origin);
        if (options.out) {
          await writeFile(options.out, body);
          cli.say(`${draft.title}: ${options.format.toUpperCase()} written to ${options.out} (${draft.counts.openEnded} open-ended meetings, ${draft.counts.members} members)`);
        } else process.stdout.write(body);
      });
    });
}
