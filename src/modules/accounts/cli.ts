import type { Command } from "commander";
import { systemActor } from "../../actor.js";
import type { CliContext } from "../../module.js";
import { Email } from "./schema.js";
import { createAdmin } from "./service.js";

/** `trade4msmes users create-admin <email>`: the first admin of a real installation. */
export function accountsCli(_program: Command, cli: CliContext) {
  cli
    .group("users", "manage accounts from the command line")
    .command("create-admin")
    .description("create an admin (or make an existing account admin) and print a single-use link to set the password")
    .argument("<email>")
    .option("--name <name>", "the person's name", "Administrator")
    .action(async (email: string, options: { name: string }) => {
      const parsed = Email.safeParse(email);
      if (!parsed.success) {
        cli.warn(`"${email}" is not an email address`);
        process.exitCode = 2;
        return;
      }
      await cli.withDatabase(async ({ db }) => {
        const { link, created } = await createAdmin(systemActor("cli"), db, cli.config(), parsed.data, options.name.trim() || "Administrator");
        cli.say(`${created ? "Created" : "Made admin:"} ${parsed.data}. To set the password, open within 7 days (once only):\n${link}`);
      });
    });
}
