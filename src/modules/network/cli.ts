import { InvalidArgumentError, type Command } from "commander";
import { systemActor } from "../../actor.js";
import { isLang, LANGS, type Lang } from "../../i18n/lang.js";
import type { CliContext } from "../../module.js";
import { networkSettings } from "./settings.js";
import { staleOrganizations } from "./service.js";

const days = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new InvalidArgumentError("a whole number of days from 1 to 3650");
  return n;
};
const language = (value: string): Lang => {
  if (!isLang(value)) throw new InvalidArgumentError(`one of ${LANGS.join(", ")}`);
  return value;
};

/** `trade4msmes network stale`: which profiles are due for their partners to verify. */
export function networkCli(_program: Command, cli: CliContext) {
  cli
    .group("network", "the Trade4MSMEs Network's organizations")
    .command("stale")
    .description("list the organizations whose profile nobody has verified recently (default: NETWORK_VERIFY_DAYS)")
    .option("--days <n>", "verified less recently than this many days ago", days)
    .option("--lang <lang>", "language of the names", language, "en" as Lang)
    .action(async (options: { days?: number; lang: Lang }) => {
      const window = options.days ?? networkSettings(cli.config()).NETWORK_VERIFY_DAYS;
      await cli.withDatabase(async ({ db }) => {
        const stale = await staleOrganizations(systemActor("cli"), db, window, options.lang);
        for (const o of stale) cli.say(`${o.slug}\t${o.name}\t${o.verifiedOn ? `verified ${o.verifiedOn} by ${o.verifiedBy}` : "never verified"}`);
        cli.say(`${stale.length} organization${stale.length === 1 ? "" : "s"} not verified in the last ${window} days.`);
      });
    });
}
