import { z } from "zod";
import { systemActor } from "../../actor.js";
import { LANGS } from "../../i18n/lang.js";
import type { PlatformModule } from "../../module.js";
import { accountsCli } from "./cli.js";
import { Email } from "./schema.js";
import { accountsRoutes } from "./routes.js";
import { countPendingInvitations, forgetExpired, seedDemoAccounts, sendApplicantConfirmation, sendPasswordReset } from "./service.js";

const ResetJob = z.object({ email: Email, lang: z.enum(LANGS) });
const SignUpJob = z.object({ email: Email, name: z.string().min(1).max(200), lang: z.enum(LANGS), next: z.string().regex(/^\/[a-z0-9/_-]*$/).max(200) });

/** Accounts: signing in, sessions, password links, invitations, API tokens, the accounts admin. */
export const accountsModule: PlatformModule = {
  name: "accounts",
  routes: accountsRoutes,
  cli: accountsCli,
  // Timed-out sessions, month-old spent links and stale sign-in failures are forgotten.
  schedules: [{ task: "accounts.housekeeping", pattern: "*/15 * * * *" }],
  admin: {
    nav: [{ path: "/admin/users", label: "accounts.users.title", roles: ["admin"] }],
    async attention(actor, { db }) {
      return [{ message: "accounts.attention.invitations", count: await countPendingInvitations(actor, db), path: "/admin/users" }];
    },
  },
  tasks: {
    "accounts.housekeeping": async (_payload, { db, config }) => forgetExpired(db, config),
    "accounts.reset": async (payload, { db, config }) => {
      // `lang` (the page the request came from) is kept in the payload for older queued jobs; the
      // email goes out in the language the account chose.
      const { email } = ResetJob.parse(payload);
      await sendPasswordReset(db, config, email);
    },
    // An applicant's sign-up for the Small Business Champions (champions, issue 12).
    "accounts.signup": async (payload, { db, config }) => {
      await sendApplicantConfirmation(db, config, SignUpJob.parse(payload));
    },
  },
  async seed(db, log, config) {
    if (config.NODE_ENV === "production") {
      log("accounts: demo accounts are never created in production");
      return;
    }
    const created = await seedDemoAccounts(systemActor("seed"), db, config);
    log(`accounts: ${created} demo accounts (password in the README)`);
  },
};
