import { type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "../../db/database.js";
import type { Role } from "../../actor.js";
import type { Lang } from "../../i18n/lang.js";
import type { TokenAccess, TokenPurpose, UserTable } from "./schema.js";

/** SQL for accounts, sessions and tokens; no rules here. */

export const userColumns = [
  "id",
  "email",
  "name",
  "role",
  "economy_code",
  "organization_slug",
  "competition_year",
  "password_hash",
  "lang",
  "disabled_at",
  "last_sign_in_at",
  "created_at",
] as const;

export const findUserByEmail = (db: Db, email: string, options: { forUpdate?: boolean } = {}) => {
  const query = db.selectFrom("users").select(userColumns).where("email", "=", email);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

/** One account; `forUpdate` locks it until the transaction ends (read "before", then change it). */
export const findUserById = (db: Db, id: number, options: { forUpdate?: boolean } = {}) => {
  const query = db.selectFrom("users").select(userColumns).where("id", "=", id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
};

type NewUser = Pick<Insertable<UserTable>, "email" | "name" | "role" | "economy_code" | "organization_slug" | "competition_year" | "password_hash"> & { lang?: Lang };

/**
 * Adds an account; undefined when another account has the address. The unique index decides, so
 * two invitations of one address at the same moment give one account and one "taken".
 */
export const insertUser = (db: Db, values: NewUser) =>
  db
    .insertInto("users")
    .values(values)
    .onConflict((oc) => oc.column("email").doNothing())
    .returning(userColumns)
    .executeTakeFirst();

/** Whether an error is the unique index on users' addresses refusing a second account with one. */
const isEmailTaken = (error: unknown) => {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && e.constraint === "users_email";
};

/** Changes an account; `"email-taken"` when another account has the new address (the index decides). */
export async function updateUserRow(db: Db, id: number, values: Updateable<UserTable>) {
  try {
    return await db.updateTable("users").set(values).where("id", "=", id).returning(userColumns).executeTakeFirst();
  } catch (error) {
    if (isEmailTaken(error)) return "email-taken" as const;
    throw error;
  }
}

export interface UserFilter {
  q?: string;
  role?: Role;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserFilter) {
  let query = db.selectFrom("users");
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
    query = query.where((eb) => eb.or([eb("email", "like", like), eb(sql`lower(name)`, "like", like)]));
  }
  if (filter.role) query = query.where("role", "=", filter.role);
  const rows = await query
    .select(userColumns)
    .select(sql<number>`count(*) over ()`.as("total"))
    .orderBy("email")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The session behind a cookie, with its user, if neither timeout has passed. */
export const findSession = (db: Db, idHash: Buffer, idleMinutes: number, maxHours: number) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.id_hash", "s.csrf_token", "s.last_seen_at", "u.id", "u.email", "u.name", "u.role", "u.economy_code", "u.organization_slug", "u.competition_year"])
    .where("s.id_hash", "=", idHash)
    .where("u.disabled_at", "is", null)
    .where("s.last_seen_at", ">", sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where("s.created_at", ">", sql<Date>`now() - make_interval(hours => ${maxHours})`)
    .executeTakeFirst();

export const touchSession = (db: Db, idHash: Buffer) =>
  db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id_hash", "=", idHash).execute();

export const insertSession = (db: Db, row: { id_hash: Buffer; user_id: number; csrf_token: string }) =>
  db.insertInto("sessions").values(row).execute();

export const deleteSession = (db: Db, idHash: Buffer) => db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();

export const deleteSessionsOf = (db: Db, userId: number) => db.deleteFrom("sessions").where("user_id", "=", userId).execute();

export const deleteExpiredSessions = (db: Db, idleMinutes: number, maxHours: number) =>
  db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("last_seen_at", "<=", sql<Date>`now() - make_interval(mins => ${idleMinutes})`),
        eb("created_at", "<=", sql<Date>`now() - make_interval(hours => ${maxHours})`),
      ]),
    )
    .execute();

export const findFailures = (db: Db, email: string) =>
  db
    .selectFrom("sign_in_failures")
    .select(["failures", "locked_until", sql<boolean>`coalesce(locked_until > now(), false)`.as("locked")])
    .where("email", "=", email)
    .executeTakeFirst();

/**
 * Claims the right to check one password for an address, before it is checked: in one statement
 * the attempt is counted as a failure and, from the `free`-th on, the address is locked for a
 * time that doubles with each further failure, up to `maxMinutes`. While the address is locked
 * nothing is claimed (undefined). Parallel guesses queue on the row, so no more than `free`
 * passwords are ever checked before the lock holds. A sign-in that succeeds clears the count.
 */
export const claimSignInAttempt = async (db: Db, email: string, free: number, maxMinutes: number) => {
  const lock = (failures: ReturnType<typeof sql>) =>
    sql`case when ${failures} >= ${free}
      then now() + make_interval(mins => least(${maxMinutes}, power(2, least(${failures} - ${free}, 30)))::int)
      else null end`;
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    insert into sign_in_failures as f (email, failures, locked_until) values (${email}, 1, ${lock(sql`1`)})
    on conflict (email) do update set
      failures = f.failures + 1,
      last_failure_at = now(),
      locked_until = ${lock(sql`(f.failures + 1)`)}
      where f.locked_until is null or f.locked_until <= now()
    returning failures, locked_until`.execute(db);
  return rows[0];
};

export const clearFailures = (db: Db, email: string) => db.deleteFrom("sign_in_failures").where("email", "=", email).execute();

export const insertOneTimeToken = (db: Db, row: { token_hash: Buffer; user_id: number; purpose: TokenPurpose; hours: number }) =>
  db
    .insertInto("one_time_tokens")
    .values({
      token_hash: row.token_hash,
      user_id: row.user_id,
      purpose: row.purpose,
      expires_at: sql<Date>`now() + make_interval(hours => ${row.hours})`,
    })
    .execute();

/** A usable token (not used, not expired), locked until the transaction ends so it is used once. */
export const claimOneTimeToken = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom("one_time_tokens")
    .select(["user_id", "purpose"])
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();

export const findOneTimeToken = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom("one_time_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.purpose", "u.email", "u.name"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.used_at", "is", null)
    .where("t.expires_at", ">", sql<Date>`now()`)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();

/** Marks every open token of a user for a purpose as used (a new link replaces the old ones). */
export const retireTokens = (db: Db, userId: number, purposes: TokenPurpose[]) =>
  db
    .updateTable("one_time_tokens")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("purpose", "in", purposes)
    .where("used_at", "is", null)
    .execute();

export const insertApiToken = (db: Db, row: { user_id: number; name: string; token_hash: Buffer; prefix: string; access: TokenAccess }) =>
  db.insertInto("api_tokens").values(row).returning(["id", "name", "prefix", "access", "created_at"]).executeTakeFirstOrThrow();

export const listApiTokens = (db: Db, userId: number) =>
  db
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "access", "created_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();

export const findApiToken = (db: Db, tokenHash: Buffer) =>
  db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id as token_id", "t.access", "t.last_used_at", "u.id", "u.email", "u.name", "u.role", "u.economy_code", "u.organization_slug", "u.competition_year"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();

export const touchApiToken = (db: Db, id: number) =>
  db.updateTable("api_tokens").set({ last_used_at: sql`now()` }).where("id", "=", id).execute();

export const revokeApiToken = (db: Db, userId: number, id: number) =>
  db
    .updateTable("api_tokens")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning(["id", "name", "prefix"])
    .executeTakeFirst();

/** Revokes every live token of a user (a password recovered from a link: whoever had them must not keep them). */
export const revokeApiTokensOf = (db: Db, userId: number) =>
  db
    .updateTable("api_tokens")
    .set({ revoked_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning(["id", "name", "prefix"])
    .execute();

/** Forgets what can no longer be used: timed-out sessions, spent or expired links, old failures. */
export async function forgetExpired(db: Db, idleMinutes: number, maxHours: number): Promise<void> {
  await deleteExpiredSessions(db, idleMinutes, maxHours);
  await db
    .deleteFrom("one_time_tokens")
    .where((eb) => eb.or([eb("expires_at", "<", sql<Date>`now() - interval '30 days'`), eb("used_at", "<", sql<Date>`now() - interval '30 days'`)]))
    .execute();
  await db
    .deleteFrom("sign_in_failures")
    .where("last_failure_at", "<", sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
    .execute();
}

/** The active partner accounts acting for an organization (participation, issue 12: the Network's monthly report). */
export async function partnersOf(db: Db, organization: string) {
  return db
    .selectFrom("users")
    .select(["email", "name", "lang"])
    .where("role", "=", "partner")
    .where("organization_slug", "=", organization)
    .where("disabled_at", "is", null)
    .orderBy("email")
    .limit(50)
    .execute();
}
