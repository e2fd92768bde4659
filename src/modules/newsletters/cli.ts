import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { systemActor } from "../../actor.js";
import type { CliContext } from "../../module.js";
import { type BounceOutcome, readBounceReport } from "./service.js";

/** At most this many files of a folder are read in one run (a mailbox's export, oldest first by name). */
const MAX_FILES = 10_000;
/** A report is small; a larger file is not one (and is not read whole). */
const MAX_BYTES = 5 * 1024 * 1024;

const line = (o: BounceOutcome): string => {
  switch (o.outcome) {
    case "recorded":
      return `${o.kind} bounce ${o.status} for ${o.email} (delivery ${o.deliveryId})${o.suspended ? ", subscriber suspended" : ""}`;
    case "already_read":
      return `already read (delivery ${o.deliveryId})`;
    case "unmatched":
      return `no delivery of ours to ${o.recipients.join(", ")}`;
    case "no_failure":
      return `reports no failure (${o.actions.join(", ") || "no recipient"})`;
    case "not_a_report":
      return "not a delivery status notification";
  }
};

/** `trade4msmes newsletters bounces <file.eml|folder>`: reads bounce reports saved from the bounce mailbox. */
export function newslettersCli(_program: Command, cli: CliContext) {
  cli
    .group("newsletters", "the newsletters' subscribers and sendings")
    .command("bounces")
    .argument("<path>", "an .eml file, or a folder of them")
    .description("read bounces that came back as delivery status notifications (RFC 3464) and record them against their deliveries; reading a report again changes nothing")
    .action(async (path: string) => {
      const info = await stat(path).catch(() => null);
      if (!info) {
        cli.warn(`${path}: no such file or folder`);
        process.exitCode = 1;
        return;
      }
      const files = info.isDirectory()
        ? (await readdir(path))
            .filter((n) => n.endsWith(".eml"))
            .sort()
            .slice(0, MAX_FILES)
            .map((n) => join(path, n))
        : [path];
      const config = cli.config();
      const counts: Record<BounceOutcome["outcome"], number> = { recorded: 0, already_read: 0, unmatched: 0, no_failure: 0, not_a_report: 0 };
      await cli.withDatabase(async ({ db }) => {
        for (const file of files) {
          const size = (await stat(file)).size;
          const outcome: BounceOutcome = size > MAX_BYTES ? { outcome: "not_a_report" } : await readBounceReport(systemActor("cli"), db, config, await readFile(file));
          counts[outcome.outcome]++;
          cli.say(`${file}\t${line(outcome)}`);
        }
      });
      cli.say(`${files.length} file${files.length === 1 ? "" : "s"}: ${counts.recorded} recorded, ${counts.already_read} already read, ${counts.unmatched} unmatched, ${counts.no_failure + counts.not_a_report} not bounces.`);
    });
}
