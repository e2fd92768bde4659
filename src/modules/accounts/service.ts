import type { Actor, Role, UserActor } from "../../actor.js";
import { scopeGrants, systemActor } from "../../actor.js";
import { type Config, publicOrigin } from "../../config.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { enqueue } from "../../jobs/queue.js";
import { recordChanges } from "../audit/service.js";
import { queueEmail } from "../mail/service.js";
import { economyExists } from "../members/service.js";
import { organizationExists } from "../network/service.js";
import { authorizeAccounts } from "./policy.js";
import * as repo from "./repo.js";
import type { TokenAccess, TokenPurpose, UserInput, UserView } from "./schema.js";
import { digest, hashPassword, newSecret, verifyPassword } from "./secrets.js";

/** Failed sign-ins allowed before an address is locked; each further failure doubles the lock. */
export const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;
const RESET_HOURS = 1;
const INVITE_HOURS = 7 * 24;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

const actorOf = (
  u: { id: number; email: string; name: string; role: Role; economy_code: string | null; organization_slug: string | null; competition_year: number | null },
  via: UserActor["via"],
): UserActor => ({
  kind: "user",
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  grants: scopeGrants({ economy: u.economy_code, organization: u.organization_slug, competition: u.competition_year }),
  via,
});

export function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    economy: u.economy_code,
    organization: u.organization_slug,
    competition: u.competition_year,
    lang: u.lang,
    status: u.disabled_at ? "disabled" : u.password_hash ? "active" : "invited",
    lastSignInAt: u.last_sign_in_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

/** What an audit record may say about an account (never a password hash). */
const auditView = (u: Pick<UserRow, "email" | "name" | "role" | "lang" | "economy_code" | "organization_slug" | "competition_year" | "disabled_at">) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  lang: u.lang,
  economy: u.economy_code,
  organization: u.organization_slug,
  ...(u.competition_year === null ? {} : { competition: u.competition_year }),
  disabled: u.disabled_at !== null,
});

export const publicUrl = (config: Config) => publicOrigin(config);

// --- Sessions -------------------------------------------------------------------------------

export interface SessionInfo {
  actor: UserActor;
  idHash: Buffer;
  csrf: string;
}

/** The signed-in user behind a session cookie, or null when it is unknown or timed out. */
export async function resolveSession(db: Db, config: Config, secret: string): Promise<SessionInfo | null> {
  if (secret.length > 100) return null;
  const idHash = digest(secret);
  const row = await repo.findSession(db, idHash, config.SESSION_IDLE_MINUTES, config.SESSION_MAX_HOURS);
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, idHash);
  return { actor: actorOf(row, "session"), idHash, csrf: row.csrf_token };
}

/** The user behind an API token, with what the token allows. */
export async function resolveApiToken(db: Db, token: string): Promise<{ actor: UserActor; access: TokenAccess } | null> {
  if (!token.startsWith("t4m_") || token.length > 100) return null;
  const row = await repo.findApiToken(db, digest(token));
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) await repo.touchApiToken(db, row.token_id);
  return { actor: actorOf(row, "token"), access: row.access };
}

export type SignInResult =
  | { ok: true; secret: string; csrf: string; actor: UserActor }
  | { ok: false; reason: "invalid" | "locked"; retryAfterMinutes?: number };

/**
 * Checks an email and password. Unknown addresses, wrong passwords, accounts not yet activated and
 * disabled accounts all answer the same "invalid", after the same argon2 work, and count towards
 * the same lockout: nothing tells an attacker which addresses have accounts.
 * `previous` is the session the browser had, ended here so that every sign-in gets a new id.
 */
export async function signIn(db: Db, email: string, password: string, previous?: string): Promise<SignInResult> {
  const locked = (until: Date | null | undefined): SignInResult => ({
    ok: false,
    reason: "locked",
    retryAfterMinutes: Math.max(1, Math.ceil(((until?.getTime() ?? Date.now()) - Date.now()) / 60_000)),
  });
  // The attempt is counted before the password is checked, so guesses sent all at once cannot
  // each see "not locked yet": the lock holds after FREE_FAILURES checks, however many arrive.
  const attempt = await repo.claimSignInAttempt(db, email, FREE_FAILURES, MAX_LOCK_MINUTES);
  if (!attempt) return locked((await repo.findFailures(db, email))?.locked_until);
  const user = await repo.findUserByEmail(db, email);
  const usable = user && !user.disabled_at ? user.password_hash : null;
  const valid = await verifyPassword(usable, password);
  if (!valid || !user) return attempt.locked_until ? locked(attempt.locked_until) : { ok: false, reason: "invalid" };
  const secret = newSecret();
  const csrf = newSecret();
  await db.transaction().execute(async (trx) => {
    if (previous) await repo.deleteSession(trx, digest(previous));
    await repo.clearFailures(trx, email);
    await repo.insertSession(trx, { id_hash: digest(secret), user_id: user.id, csrf_token: csrf });
    await trx.updateTable("users").set({ last_sign_in_at: new Date() }).where("id", "=", user.id).execute();
  });
  return { ok: true, secret, csrf, actor: actorOf(user, "session") };
}

export async function signOut(db: Db, secret: string): Promise<void> {
  await repo.deleteSession(db, digest(secret));
}

/**
 * Housekeeping, run at every sign-in (a few rows at most; no scheduler needed): sessions past
 * their timeouts, links spent or expired a month ago, failures a day old that lock nothing.
 */
/** Forgets timed-out sessions, month-old spent links and stale failures (the `accounts.housekeeping` schedule). */
export const forgetExpired = (db: Db, config: Config) => repo.forgetExpired(db, config.SESSION_IDLE_MINUTES, config.SESSION_MAX_HOURS);

// --- Password reset and invitations ----------------------------------------------------------

/**
 * Asks for a reset link. The answer never depends on whether the address has an account: the
 * request only enqueues a job, and the job decides whether there is anyone to write to.
 */
export async function requestPasswordReset(db: Db, email: string, lang: Lang): Promise<void> {
  await db.transaction().execute((trx) => enqueue(trx, "accounts.reset", { email, lang }));
}

/** A new single-use link of a kind for an account; the account's earlier open links of that kind stop working. */
async function issueLink(trx: Db, userId: number, purpose: TokenPurpose): Promise<string> {
  const token = newSecret();
  await repo.retireTokens(trx, userId, [purpose]);
  await repo.insertOneTimeToken(trx, { token_hash: digest(token), user_id: userId, purpose, hours: purpose === "reset" ? RESET_HOURS : INVITE_HOURS });
  return token;
}

/**
 * Issues a password link (reset or invitation) and queues the email carrying it, through the
 * caller's transaction, in the language the person chose for their emails.
 */
async function emailLink(trx: Db, config: Config, user: Pick<UserRow, "id" | "email" | "name" | "lang">, purpose: TokenPurpose): Promise<void> {
  const token = await issueLink(trx, user.id, purpose);
  const t = messages(user.lang);
  await queueEmail(trx, {
    kind: `accounts.${purpose}`,
    to: user.email,
    subject: t(`accounts.email.${purpose}.subject`),
    text: t(`accounts.email.${purpose}.body`, {
      name: user.name,
      link: `${publicUrl(config)}/${user.lang}/password/${token}`,
      hours: purpose === "reset" ? RESET_HOURS : INVITE_HOURS,
    }),
    // Kept apart from the stored body and forgotten once sent: no table or backup holds the link.
    secrets: [token],
  });
}

/**
 * Someone signs up to propose for the Small Business Champions (the public call's form): only a
 * job is queued, so the answer never tells whether the address already has an account.
 */
export async function requestApplicantAccount(db: Db, input: { email: string; name: string; lang: Lang; next: string }): Promise<void> {
  await db.transaction().execute((trx) => enqueue(trx, "accounts.signup", input));
}

/**
 * The job behind a sign-up: a new address gets an applicant account without a password and an
 * email with a single-use link to confirm the address by choosing one (7 days); an address that
 * has an account gets the usual password link instead (reset, or a fresh invitation).
 */
export async function sendApplicantConfirmation(db: Db, config: Config, input: { email: string; name: string; lang: Lang; next: string }): Promise<"created" | "existing"> {
  const created = await db.transaction().execute(async (trx) => {
    const user = await repo.insertUser(trx, {
      email: input.email,
      name: input.name,
      role: "applicant",
      lang: input.lang,
      economy_code: null,
      organization_slug: null,
      competition_year: null,
      password_hash: null,
    });
    if (!user) return false;
    const token = await issueLink(trx, user.id, "invite");
    const t = messages(user.lang);
    await queueEmail(trx, {
      kind: "accounts.signup",
      to: user.email,
      subject: t("accounts.email.signup.subject"),
      text: t("accounts.email.signup.body", { name: user.name, link: `${publicUrl(config)}/${user.lang}/password/${token}`, hours: INVITE_HOURS, next: `${publicUrl(config)}${input.next}` }),
      secrets: [token],
    });
    await recordChanges(trx, systemActor("sign-up"), [{ action: "create", entity: "user", entityId: String(user.id), after: auditView(user) }]);
    return true;
  });
  if (created) return "created";
  await sendPasswordReset(db, config, input.email);
  return "existing";
}

/** The job behind a reset request: a one-hour, single-use link to an active account. */
export async function sendPasswordReset(db: Db, config: Config, email: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await repo.findUserByEmail(trx, email);
    if (!user || user.disabled_at) return false;
    // An invited person who lost the invitation gets a fresh invitation instead.
    await emailLink(trx, config, user, user.password_hash ? "reset" : "invite");
    return true;
  });
}

/** Who a password link is for, if it can still be used (for the page that asks for the password). */
export async function checkPasswordLink(db: Db, token: string) {
  if (token.length > 100) return null;
  const row = await repo.findOneTimeToken(db, digest(token));
  return row ? { purpose: row.purpose, email: row.email, name: row.name } : null;
}

/**
 * Sets a password from an emailed link, once: the link is spent, every other open link and
 * every session of the account end, every API token of the account is revoked, and the account's
 * lockout is lifted. A reset is a recovery: whoever stole the password may have made a token with
 * it, and must keep nothing. (A genuine invitee has no tokens yet; an account promoted by
 * `users create-admin` gets the same clean start.)
 */
export async function setPasswordFromLink(db: Db, token: string, password: string): Promise<boolean> {
  if (token.length > 100) return false;
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const claimed = await repo.claimOneTimeToken(trx, digest(token));
    if (!claimed) return false;
    const user = await repo.findUserById(trx, claimed.user_id);
    if (!user || user.disabled_at) return false;
    await repo.retireTokens(trx, user.id, ["reset", "invite"]);
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", user.id).execute();
    await repo.deleteSessionsOf(trx, user.id);
    const revoked = await repo.revokeApiTokensOf(trx, user.id);
    await repo.clearFailures(trx, user.email);
    await recordChanges(trx, actorOf(user, "session"), [
      { action: "update", entity: "user", entityId: String(user.id), before: { password: claimed.purpose === "invite" ? "none" : "set" }, after: { password: "set" } },
      ...revoked.map((row) => ({
        action: "update" as const,
        entity: "api_token",
        entityId: String(row.id),
        before: { name: row.name, prefix: row.prefix, revoked: false },
        after: { name: row.name, prefix: row.prefix, revoked: true, reason: "password set from an emailed link" },
      })),
    ]);
    return true;
  });
}

async function checkScope(db: Db, input: UserInput): Promise<void> {
  if (input.economy && !(await economyExists(db, input.economy))) {
    throw invalidInput([{ field: "economy", message: "accounts.errors.unknownEconomy" }]);
  }
  if (input.organization && !(await organizationExists(db, input.organization))) {
    throw invalidInput([{ field: "organization", message: "accounts.errors.unknownOrganization" }]);
  }
}

/** A judge's year that has no competition (the users table's reference refuses it): 400 at the form's field. */
const unknownCompetition = (error: unknown): never => {
  if ((error as { code?: string } | null)?.code === "23503") throw invalidInput([{ field: "competition", message: "accounts.errors.unknownCompetition" }]);
  throw error;
};

/** Another account has this address: 409, at the form's email field. */
const emailTaken = () => new AppError(409, "conflict", "accounts.errors.emailTaken", [{ field: "email", message: "accounts.errors.emailTaken" }]);

/**
 * An admin invites a person with a role and scope; they get a link to set their password. An
 * address already in use (even by an invitation sent at the same moment) is a 409 at `email`.
 */
export async function inviteUser(actor: Actor, db: Db, config: Config, input: UserInput, pageLang: Lang): Promise<UserView> {
  authorizeAccounts(actor, "manage");
  await checkScope(db, input);
  return db.transaction().execute(async (trx) => {
    const created = await repo.insertUser(trx, {
      email: input.email,
      name: input.name,
      role: input.role,
      lang: input.lang ?? pageLang,
      economy_code: input.economy,
      organization_slug: input.organization,
      competition_year: input.competition ?? null,
      password_hash: null,
    }).catch(unknownCompetition);
    if (!created) throw emailTaken();
    // Written in the invitee's language, whatever the admin's page is in.
    await emailLink(trx, config, created, "invite");
    await recordChanges(trx, actor, [{ action: "create", entity: "user", entityId: String(created.id), after: auditView(created) }]);
    return presentUser(created);
  });
}

/**
 * An admin sends the invitation again to someone who has not set a password yet (the first link
 * expired, or the email went astray): a fresh link, the old ones retired, in their language.
 */
export async function resendInvitation(actor: Actor, db: Db, config: Config, id: number): Promise<void> {
  authorizeAccounts(actor, "manage");
  await db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, id, { forUpdate: true });
    if (!user) throw notFound();
    if (user.password_hash || user.disabled_at) throw new AppError(409, "not_invited", "accounts.errors.notInvited");
    await emailLink(trx, config, user, "invite");
    await recordChanges(trx, actor, [{ action: "update", entity: "user", entityId: String(id), before: { invitation: "sent" }, after: { invitation: "sent again" } }]);
  });
}

/**
 * An admin changes an account's name, role or scope, or disables it. A change of role or scope,
 * or disabling, ends the account's sessions and tokens keep working only within the new scope.
 */
export async function updateUser(actor: Actor, db: Db, id: number, input: UserInput & { disabled: boolean }): Promise<UserView> {
  authorizeAccounts(actor, "manage");
  await checkScope(db, input);
  return db.transaction().execute(async (trx) => {
    // Locked: the "before" of the audit record is what this change replaced, not an older read.
    const before = await repo.findUserById(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    if (actor.kind === "user" && actor.id === id && (input.disabled || input.role !== "admin")) {
      throw invalidInput([{ field: "role", message: "accounts.errors.keepYourselfAdmin" }]);
    }
    const after = await repo.updateUserRow(trx, id, {
      email: input.email,
      name: input.name,
      role: input.role,
      lang: input.lang ?? before.lang,
      economy_code: input.economy,
      organization_slug: input.organization,
      competition_year: input.competition ?? null,
      disabled_at: input.disabled ? (before.disabled_at ?? new Date()) : null,
      updated_at: new Date(),
    }).catch(unknownCompetition);
    if (after === "email-taken") throw emailTaken();
    if (!after) throw notFound();
    const scopeChanged =
      before.role !== after.role || before.economy_code !== after.economy_code || before.organization_slug !== after.organization_slug || before.competition_year !== after.competition_year;
    if (scopeChanged || (after.disabled_at && !before.disabled_at)) await repo.deleteSessionsOf(trx, id);
    const [b, a] = [auditView(before), auditView(after)];
    if (JSON.stringify(b) !== JSON.stringify(a)) {
      await recordChanges(trx, actor, [{ action: "update", entity: "user", entityId: String(id), before: b, after: a }]);
    }
    return presentUser(after);
  });
}

/** Throws unless the actor may manage accounts (for showing the empty invitation form). */
export const authorizeManage = (actor: Actor) => authorizeAccounts(actor, "manage");

export async function listUsers(actor: Actor, db: Db, filter: repo.UserFilter) {
  authorizeAccounts(actor, "manage");
  const { rows, total } = await repo.listUsers(db, filter);
  return { items: rows.map(presentUser), total };
}

export async function getUser(actor: Actor, db: Db, id: number): Promise<UserView> {
  authorizeAccounts(actor, "manage");
  const user = await repo.findUserById(db, id);
  if (!user) throw notFound();
  return presentUser(user);
}

/** The number of accounts waiting for their owner to set a password (for the dashboard). */
export async function countPendingInvitations(actor: Actor, db: Db): Promise<number> {
  if (actor.kind !== "user" || actor.role !== "admin") return 0;
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("password_hash", "is", null)
    .where("disabled_at", "is", null)
    // Applicants sign themselves up (champions): one who never confirms is no invitation of an admin's.
    .where("role", "<>", "applicant")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The language one's own emails are written in. */
export async function emailLanguageOf(actor: Actor, db: Db): Promise<Lang> {
  authorizeAccounts(actor, "own-tokens");
  const row = await db.selectFrom("users").select("lang").where("id", "=", (actor as UserActor).id).executeTakeFirstOrThrow();
  return row.lang;
}

/** Anyone signed in chooses the language of their own emails. */
export async function setEmailLanguage(actor: Actor, db: Db, input: string): Promise<void> {
  authorizeAccounts(actor, "own-tokens");
  const lang = LANGS.find((l) => l === input);
  // Only a select offers this field: anything else is a forged form, answered as one.
  if (!lang) throw invalidInput([{ field: "emailLang", message: "validation.invalid_value" }]);
  const id = (actor as UserActor).id;
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select("lang").where("id", "=", id).executeTakeFirstOrThrow();
    if (before.lang === lang) return;
    await trx.updateTable("users").set({ lang, updated_at: new Date() }).where("id", "=", id).execute();
    await recordChanges(trx, actor, [{ action: "update", entity: "user", entityId: String(id), before: { lang: before.lang }, after: { lang } }]);
  });
}

// --- API tokens -------------------------------------------------------------------------------

export async function createApiToken(actor: Actor, db: Db, input: { name: string; access: TokenAccess }) {
  authorizeAccounts(actor, "own-tokens");
  const user = actor as UserActor;
  const token = newSecret("t4m_");
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertApiToken(trx, { user_id: user.id, name: input.name, token_hash: digest(token), prefix: token.slice(0, 10), access: input.access });
    await recordChanges(trx, actor, [
      { action: "create", entity: "api_token", entityId: String(row.id), after: { user: user.email, name: row.name, prefix: row.prefix, access: row.access } },
    ]);
    return { token, id: row.id };
  });
}

export async function listApiTokens(actor: Actor, db: Db) {
  authorizeAccounts(actor, "own-tokens");
  return repo.listApiTokens(db, (actor as UserActor).id);
}

export async function revokeApiToken(actor: Actor, db: Db, id: number): Promise<void> {
  authorizeAccounts(actor, "own-tokens");
  await db.transaction().execute(async (trx) => {
    const row = await repo.revokeApiToken(trx, (actor as UserActor).id, id);
    if (!row) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: "api_token", entityId: String(id), before: { revoked: false }, after: { revoked: true } }]);
  });
}

// --- First admin and demo accounts ------------------------------------------------------------

/**
 * The CLI's `users create-admin`: makes (or promotes) an admin and returns a single-use link to set
 * the password, valid a week. Nothing is emailed: the operator hands the link over.
 */
export async function createAdmin(actor: Actor, db: Db, config: Config, email: string, name: string): Promise<{ link: string; created: boolean }> {
  authorizeAccounts(actor, "bootstrap");
  return db.transaction().execute(async (trx) => {
    const created = await repo.insertUser(trx, { email, name, role: "admin", economy_code: null, organization_slug: null, password_hash: null });
    let id: number;
    if (created) {
      id = created.id;
      await recordChanges(trx, actor, [{ action: "create", entity: "user", entityId: String(id), after: auditView(created) }]);
    } else {
      // The address has an account (the insert did nothing): promote it, "before" read under lock.
      const existing = await repo.findUserByEmail(trx, email, { forUpdate: true });
      if (!existing) throw new AppError(409, "conflict", "accounts.errors.emailTaken");
      id = existing.id;
      await trx.updateTable("users").set({ role: "admin", economy_code: null, organization_slug: null, competition_year: null, disabled_at: null, updated_at: new Date() }).where("id", "=", id).execute();
      await recordChanges(trx, actor, [{ action: "update", entity: "user", entityId: String(id), before: auditView(existing), after: { ...auditView(existing), role: "admin", economy: null, organization: null, disabled: false } }]);
    }
    const token = await issueLink(trx, id, "invite");
    return { link: `${publicUrl(config)}/en/password/${token}`, created: Boolean(created) };
  });
}

export const DEMO_PASSWORD = "demo-password-2022";
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.test", name: "Demo Admin (Secretariat)", role: "admin", lang: "en", economy: null, organization: null },
  { email: "editor@demo.test", name: "Demo Editor (Secretariat)", role: "editor", lang: "fr", economy: null, organization: null },
  { email: "delegate-uy@demo.test", name: "Demo Delegate of Uruguay", role: "delegate", lang: "es", economy: "UY", organization: null },
  { email: "partner-itc@demo.test", name: "Demo Partner at ITC", role: "partner", lang: "en", economy: null, organization: "itc" },
] as const;

/** One account per role with a published password: for trying the platform, never in production. */
export async function seedDemoAccounts(actor: Actor, db: Db, config: Config): Promise<number> {
  authorizeAccounts(actor, "bootstrap");
  if (config.NODE_ENV === "production") throw new AppError(403, "demo_accounts_in_production", "accounts.errors.demoInProduction");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_ACCOUNTS) {
      const row = await trx
        .insertInto("users")
        .values({ email: a.email, name: a.name, role: a.role, lang: a.lang, economy_code: a.economy, organization_slug: a.organization, password_hash: passwordHash })
        .onConflict((oc) => oc.column("email").doNothing())
        .returning(repo.userColumns)
        .executeTakeFirst();
      if (row) {
        created += 1;
        await recordChanges(trx, systemActor("seed"), [{ action: "create", entity: "user", entityId: String(row.id), after: auditView(row) }]);
      }
    }
  });
  return created;
}

/**
 * The active partner accounts of an organization, for the platform's own mailings (the Network's
 * monthly report to each partner): the platform itself only (participation, issue 12).
 */
export async function partnersOf(actor: Actor, db: Db, organization: string): Promise<{ email: string; name: string; lang: Lang }[]> {
  authorizeAccounts(actor, "bootstrap");
  return repo.partnersOf(db, organization);
}

/** The active judge accounts of a year's competition (champions), for the Secretariat's assignments. */
export async function judgesOf(actor: Actor, db: Db, year: number): Promise<{ id: number; name: string; email: string }[]> {
  authorizeAccounts(actor, "list-judges");
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("role", "=", "judge")
    .where("competition_year", "=", year)
    .where("disabled_at", "is", null)
    .orderBy("name")
    .limit(200)
    .execute();
}
