import { type Command, InvalidArgumentError } from "commander";
import { systemActor } from "../../actor.js";
import type { CliContext } from "../../module.js";
import type { RecommendationStatus } from "./schema.js";
import { isStatus, listQueue, STATUSES } from "./service.js";

const status = (value: string): RecommendationStatus => {
  if (!isStatus(value)) throw new InvalidArgumentError(`one of ${STATUSES.join(", ")}`);
  return value;
};

/** `trade4msmes recommendations queue`: the submissions waiting for the Secretariat (or of one status). */
export function recommendationsCli(_program: Command, cli: CliContext) {
  cli
    .group("recommendations", "recommendations from traders (INF/MSME/P)")
    .command("queue")
    .description("list the confirmed submissions waiting for the Secretariat (received, under review), oldest first")
    .option("--status <status>", `only those of one status (${STATUSES.join(", ")})`, status)
    .action(async (options: { status?: RecommendationStatus }) => {
      await cli.withDatabase(async ({ db }) => {
        const pageSize = 500;
        let shown = 0;
        let total = 0;
        for (let page = 1; page <= 20; page++) {
          const list = await listQueue(systemActor("cli"), db, { status: options.status, page, pageSize });
          total = list.total;
          for (const r of list.items) cli.say(`${r.id}\t${r.status}\t${r.submitted_at.toISOString().slice(0, 10)}\t${r.symbol ?? "-"}\t${r.organization ?? "-"}\t${r.title}`);
          shown += list.items.length;
          if (shown >= total || list.items.length === 0) break;
        }
        cli.say(`${total} recommendation${total === 1 ? "" : "s"}${options.status ? ` ${options.status.replace("_", " ")}` : " waiting for the Secretariat"}.`);
      });
    });
}
