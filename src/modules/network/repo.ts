import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { StoredText } from "../../i18n/content.js";
import type { OrganizationKind, OrganizationTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;

/** An organization as stored, less what the database computes. */
export type OrganizationRow = Omit<Selectable<OrganizationTable>, "updated_at" | "search_text">;

/** The columns a change may set (all but the slug). */
export type OrganizationChanges = Partial<Omit<OrganizationRow, "slug">>;

/** A row as the driver writes it: the profile as JSON text for its jsonb column. */
const toColumns = <T extends { profile?: StoredText }>(row: T) =>
  (row.profile === undefined ? row : { ...row, profile: JSON.stringify(row.profile) }) as Omit<T, "profile"> & { profile?: string };

const COLUMNS = [
  "slug",
  "acronym_en",
  "acronym_fr",
  "acronym_es",
  "name_en",
  "name_fr",
  "name_es",
  "kind",
  "website",
  "profile",
  "network_joined_on",
  "source",
  "verified_on",
  "verified_by",
] as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  /** Only this organization (a partner's scope). */
  slug?: string;
}

export async function listOrganizations(db: Exec, filter: OrganizationFilter = {}): Promise<OrganizationRow[]> {
  let query = db.selectFrom("organizations").select(COLUMNS);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.slug !== undefined) query = query.where("slug", "=", filter.slug);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where(sql<boolean>`search_text like t4m_unaccent(${pattern})`);
  }
  return query.orderBy("slug").execute();
}

/**
 * One page of organizations, sorted by name in the reader's language (the ICU collation of that
 * language, as a person of that language expects), with the number of all that match.
 */
export async function pageOrganizations(
  db: Exec,
  filter: OrganizationFilter & { lang: "en" | "fr" | "es"; limit: number; offset: number },
): Promise<{ rows: OrganizationRow[]; total: number }> {
  let query = db.selectFrom("organizations");
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.slug !== undefined) query = query.where("slug", "=", filter.slug);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where(sql<boolean>`search_text like t4m_unaccent(${pattern})`);
  }
  const [rows, count] = await Promise.all([
    query
      .select(COLUMNS)
      .orderBy(sql`${sql.ref(`name_${filter.lang}`)} collate ${sql.id(`${filter.lang}-x-icu`)}`)
      .orderBy("slug")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The organizations nobody has verified since `since` (or ever), least recently verified first,
 * at most `limit` of them.
 */
export async function staleOrganizations(db: Exec, since: string, limit: number, filter: { slug?: string } = {}) {
  let query = db
    .selectFrom("organizations")
    .select(["slug", "name_en", "name_fr", "name_es", "verified_on", "verified_by"])
    .where((eb) => eb.or([eb("verified_on", "is", null), eb("verified_on", "<", since)]));
  if (filter.slug !== undefined) query = query.where("slug", "=", filter.slug);
  return query.orderBy(sql`verified_on nulls first`).orderBy("slug").limit(limit).execute();
}

/** How many organizations (all, or the one with `slug`) were verified, but not since `since`. */
export async function countVerifiedBefore(db: Exec, since: string, filter: { slug?: string } = {}): Promise<number> {
  let query = db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).where("verified_on", "<", since);
  if (filter.slug !== undefined) query = query.where("slug", "=", filter.slug);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** How many organizations (all, or the one with `slug`) have never been verified. */
export async function countNeverVerified(db: Exec, filter: { slug?: string } = {}): Promise<number> {
  let query = db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).where("verified_on", "is", null);
  if (filter.slug !== undefined) query = query.where("slug", "=", filter.slug);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One organization; `forUpdate` locks its row until the transaction ends. */
export async function findOrganization(db: Exec, slug: string, options: { forUpdate?: boolean } = {}): Promise<OrganizationRow | undefined> {
  let query = db.selectFrom("organizations").select(COLUMNS).where("slug", "=", slug);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function organizationExists(db: Exec, slug: string): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("slug").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a new organization; false when the slug is taken. */
export async function insertOrganization(db: Exec, row: OrganizationRow): Promise<boolean> {
  const result = await db
    .insertInto("organizations")
    .values({ ...toColumns(row), profile: JSON.stringify(row.profile) })
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateOrganization(db: Exec, slug: string, changes: OrganizationChanges): Promise<OrganizationRow | undefined> {
  return db
    .updateTable("organizations")
    .set({ ...toColumns(changes), updated_at: sql`now()` })
    .where("slug", "=", slug)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Every organization with when its record last changed, by slug. */
export async function organizationPageDates(db: Exec, limit: number): Promise<{ slug: string; lastmod: Date }[]> {
  return db.selectFrom("organizations").select(["slug", "updated_at as lastmod"]).orderBy("slug").limit(limit).execute();
}

/**
 * The organizations most recently verified, newest first. `verified_at` is the moment of the last
 * change when it fell on the day of the verification (it usually is the verification), else that
 * day's start (UTC): a date alone would not order two verifications of one day.
 */
export async function recentlyVerifiedOrganizations(db: Exec, limit: number) {
  return db
    .selectFrom("organizations")
    .select(COLUMNS)
    .select(
      sql<Date>`case when (updated_at at time zone 'UTC')::date = verified_on then updated_at else verified_on::timestamp at time zone 'UTC' end`.as("verified_at"),
    )
    .where("verified_on", "is not", null)
    .orderBy("verified_at", "desc")
    .orderBy("slug")
    .limit(limit)
    .execute();
}
