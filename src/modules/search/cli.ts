import type { Command } from "commander";
import { systemActor } from "../../actor.js";
import type { CliContext } from "../../module.js";
import { reindexAll } from "./service.js";

/** `trade4msmes search reindex`: rebuilds the whole search index from the records, in one transaction. */
export function searchCli(_program: Command, cli: CliContext) {
  cli
    .group("search", "the platform's search index")
    .command("reindex")
    .description("rebuild the search index from every module's records (in one transaction), printing counts")
    .action(() =>
      cli.withDatabase(async ({ db }) => {
        const started = Date.now();
        const counts = await reindexAll(systemActor("cli"), db, cli.say);
        const documents = Object.values(counts).reduce((n, c) => n + c.documents, 0);
        const records = Object.values(counts).reduce((n, c) => n + c.records, 0);
        cli.say(`Reindexed ${records} records as ${documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }),
    );
}
