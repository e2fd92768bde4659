import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { systemActor } from "../../actor.js";
import type { CliContext } from "../../module.js";
import { importMemberList } from "./service.js";

/** `trade4msmes import members <file>`: a membership list written as in WTO documents. */
export function membersCli(_program: Command, cli: CliContext) {
  cli
    .group("import", "import official files")
    .command("members")
    .description("import a membership list written as in WTO documents (names separated by ';', last pair by 'and')")
    .argument("<file>", "text file holding the list, e.g. the annual report's footnote")
    .addOption(new Option("--group <group>", "the group the list is of").choices(["msme"]).default("msme"))
    .requiredOption("--date <yyyy-mm-dd>", "the day on which the list was true")
    .requiredOption("--source <symbol-or-url>", "the document the list comes from, e.g. INF/MSME/R/35")
    .option("--dry-run", "report what would change without writing")
    .action(async (file: string, options: { group: "msme"; date: string; source: string; dryRun?: boolean }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(options.date))) {
        cli.warn(`--date must be a real day written YYYY-MM-DD, not "${options.date}"`);
        process.exitCode = 2;
        return;
      }
      const text = await readFile(file, "utf8");
      await cli.withDatabase(async ({ db }) => {
        const report = await importMemberList(systemActor("cli"), db, text, options);
        cli.say(
          `${report.listed} members listed: ${report.alreadyMembers} already recorded, ${report.added.length} new${report.added.length ? ` (${report.added.join(", ")})` : ""}.`,
        );
        if (report.notListed.length) cli.say(`Recorded as members on ${options.date} but not in the list (kept): ${report.notListed.join(", ")}`);
        for (const r of report.repeated) cli.say(`Listed twice: "${r.text}" (name ${r.position})`);
        for (const u of report.unknown) cli.warn(`Unknown name "${u.text}" (name ${u.position}, character ${u.offset + 1})`);
        if (report.unknown.length) {
          cli.warn("Nothing was written: correct the names above (or add an alias) and run the import again.");
          process.exitCode = 1;
        } else if (options.dryRun) cli.say("Dry run: nothing was written.");
        else cli.say(report.written ? "Written." : "Nothing to write.");
      });
    });
}
