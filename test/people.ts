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
