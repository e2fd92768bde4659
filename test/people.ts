import type { Db } from "../src/db/database.js";
import { DEMO_PASSWORD } from "../src/modules/accounts/service.js";
import { hashPassword } from "../src/modules/accounts/secrets.js";

/**
 * Another member's delegate, who signs in with the demo password: the "other member" of the
 * authorization rules in tests that sign in through the real form (the demo data has only
 * Uruguay's delegate).
 */
export async function addDelegate(db: Db, economy: string, email = `delegate-${economy.toLowerCase()}@test.test`): Promise<string> {
  await db
    .insertInto("users")
    .values({ email, name: `Delegate of ${economy}`, role: "delegate", economy_code: economy, organization_slug: null, password_hash: await hashPassword(DEMO_PASSWORD) })
    .execute();
  return email;
}

/** An account of a role without a member or organization (champions: an applicant, or a judge of a year) that signs in with the demo password. */
export async function addAccount(db: Db, values: { email: string; name: string; role: "applicant" | "judge" | "editor"; competition?: number | null }): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({ email: values.email, name: values.name, role: values.role, competition_year: values.competition ?? null, economy_code: null, organization_slug: null, password_hash: await hashPassword(DEMO_PASSWORD) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
