import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { StoredText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { EconomyPartTable, EconomyTable, GroupCode, GroupMembershipTable, Region } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type EconomyRow = Omit<EconomyTable, "updated_at" | "search_text">;

/** A membership as stored, less its last change's time. */
export type MembershipRow = Omit<Selectable<GroupMembershipTable>, "updated_at">;

/** A row as the driver writes it: the note as JSON text for its jsonb column. */
const toColumns = <T extends { note?: StoredText }>(row: T) =>
  (row.note === undefined ? row : { ...row, note: JSON.stringify(row.note) }) as Omit<T, "note"> & { note?: string };
export interface ListFilter {
  group?: GroupCode;
  /** Only this economy (a member page). */
  code?: string;
  date: string;
  region?: Region;
  q?: string;
  lang: Lang;
  limit: number;
  offset: number;
}

export interface MemberRow extends EconomyRow {
  group_code: GroupCode | null;
  joined_on: string | null;
  joined_precision: "day" | "month" | "by" | null;
  left_on: string | null;
  note: StoredText | null;
  membership_source: string | null;
  total: number;
}

const ECONOMY_COLUMNS = [
  "code",
  "numeric_code",
  "region",
  "name_en",
  "name_fr",
  "name_es",
  "wto_member_since",
  "source",
  "verified_on",
  "verified_by",
] as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listMembers(db: Exec, filter: ListFilter): Promise<{ rows: MemberRow[]; total: number }> {
  const nameColumn = `name_${filter.lang}` as const;
  let query = db
    .selectFrom("economies as e")
    .leftJoin("group_memberships as m", (join) =>
      join
        .onRef("m.economy_code", "=", "e.code")
        .on("m.group_code", "=", "msme")
        .on("m.joined_on", "<=", filter.date)
        .on((eb) => eb.or([eb("m.left_on", "is", null), eb("m.left_on", ">", filter.date)])),
    )
    .select([
      "e.code",
      "e.numeric_code",
      "e.region",
      "e.name_en",
      "e.name_fr",
      "e.name_es",
      "e.wto_member_since",
      "e.source",
      "e.verified_on",
      "e.verified_by",
      "m.group_code",
      "m.joined_on",
      "m.joined_precision",
      "m.left_on",
      "m.note",
      "m.source as membership_source",
      sql<number>`count(*) over ()`.as("total"),
    ]);
  if (filter.group) query = query.where("m.group_code", "=", filter.group);
  else query = query.where("e.wto_member_since", "<=", filter.date);
  if (filter.code) query = query.where("e.code", "=", filter.code);
  if (filter.region) query = query.where("e.region", "=", filter.region);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where(sql<boolean>`e.search_text like t4m_unaccent(${pattern})`);
  }
  const rows = (await query
    .orderBy(`e.${nameColumn}`)
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()) as MemberRow[];
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.offset > 0) {
    // Past the last page: count anyway, so the caller can say how many there are.
    total = (await listMembers(db, { ...filter, offset: 0, limit: 1 })).total;
  }
  return { rows, total };
}

/** One economy; `forUpdate` locks its row until the transaction ends (read "before" for the audit). */
export async function findEconomy(db: Exec, code: string, options: { forUpdate?: boolean } = {}): Promise<EconomyRow | undefined> {
  let query = db.selectFrom("economies").select(ECONOMY_COLUMNS).where("code", "=", code);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Adds an economy unless its code is taken (then returns false and changes nothing). */
export async function insertEconomy(db: Exec, row: EconomyRow): Promise<boolean> {
  const result = await db.insertInto("economies").values(row).onConflict((oc) => oc.column("code").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findMembership(db: Exec, group: GroupCode, code: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom("group_memberships").selectAll().where("group_code", "=", group).where("economy_code", "=", code);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The parts of an economy on a day (the EU's member states), or the wholes it is part of. */
export async function relatedEconomies(db: Exec, code: string, date: string, direction: "parts" | "wholes") {
  const [mine, theirs] = direction === "parts" ? (["whole_code", "part_code"] as const) : (["part_code", "whole_code"] as const);
  return db
    .selectFrom("economy_parts as p")
    .innerJoin("economies as e", "e.code", `p.${theirs}`)
    .select(["e.code", "e.name_en", "e.name_fr", "e.name_es", "e.numeric_code"])
    .where(`p.${mine}`, "=", code)
    .where("p.from_date", "<=", date)
    .where((eb) => eb.or([eb("p.to_date", "is", null), eb("p.to_date", ">", date)]))
    .orderBy("e.name_en")
    .execute();
}

export async function allEconomies(db: Exec): Promise<EconomyRow[]> {
  return db
    .selectFrom("economies")
    .select(ECONOMY_COLUMNS)
    .orderBy("code")
    .execute();
}

export async function upsertEconomy(db: Exec, row: EconomyRow): Promise<void> {
  await db
    .insertInto("economies")
    .values(row)
    .onConflict((oc) =>
      oc.column("code").doUpdateSet({
        numeric_code: row.numeric_code,
        region: row.region,
        name_en: row.name_en,
        name_fr: row.name_fr,
        name_es: row.name_es,
        wto_member_since: row.wto_member_since,
        source: row.source,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function upsertPart(db: Exec, row: EconomyPartTable): Promise<void> {
  await db
    .insertInto("economy_parts")
    .values(row)
    .onConflict((oc) => oc.columns(["whole_code", "part_code", "from_date"]).doUpdateSet({ to_date: row.to_date, source: row.source }))
    .execute();
}

export async function insertMembership(db: Exec, row: MembershipRow): Promise<boolean> {
  const result = await db
    .insertInto("group_memberships")
    .values({ ...toColumns(row), note: JSON.stringify(row.note) })
    .onConflict((oc) => oc.columns(["group_code", "economy_code"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function membershipCodes(db: Exec, group: GroupCode, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom("group_memberships")
    .select("economy_code")
    .where("group_code", "=", group)
    .where("joined_on", "<=", date)
    .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">", date)]))
    .execute();
  return rows.map((r) => r.economy_code);
}

export interface AdminFilter {
  q?: string;
  status?: "member" | "other";
  verified?: "yes" | "no";
  /** Only this economy (a delegate sees their own). */
  only?: string;
  lang: Lang;
  limit: number;
  offset: number;
}

/** Economies with their MSME Group membership whatever the date, for the back office. */
export async function adminList(db: Exec, filter: AdminFilter) {
  const nameColumn = `e.name_${filter.lang}` as const;
  let query = db
    .selectFrom("economies as e")
    .leftJoin("group_memberships as m", (join) => join.onRef("m.economy_code", "=", "e.code").on("m.group_code", "=", "msme"));
  if (filter.only) query = query.where("e.code", "=", filter.only);
  if (filter.q) query = query.where(sql<boolean>`e.search_text like t4m_unaccent(${`%${escapeLike(filter.q.toLowerCase())}%`})`);
  if (filter.status === "member") query = query.where("m.economy_code", "is not", null);
  if (filter.status === "other") query = query.where("m.economy_code", "is", null);
  if (filter.verified === "yes") query = query.where("e.verified_on", "is not", null);
  if (filter.verified === "no") query = query.where("e.verified_on", "is", null);
  return query
    .select(["e.code", "e.name_en", "e.name_fr", "e.name_es", "e.verified_on", "e.verified_by", "m.joined_on", "m.joined_precision", "m.left_on"])
    .select(sql<number>`count(*) over ()`.as("total"))
    .orderBy(nameColumn)
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** MSME Group members whose facts nobody has confirmed yet (or just this one). */
export async function countUnverifiedMembers(db: Exec, only?: string): Promise<number> {
  let query = db
    .selectFrom("group_memberships as m")
    .innerJoin("economies as e", "e.code", "m.economy_code")
    .where("m.group_code", "=", "msme")
    .where("m.left_on", "is", null)
    .where("e.verified_on", "is", null);
  if (only) query = query.where("e.code", "=", only);
  const row = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return row.n;
}

export async function updateEconomy(db: Exec, code: string, values: Partial<EconomyRow>): Promise<EconomyRow | undefined> {
  return db
    .updateTable("economies")
    .set({ ...values, updated_at: sql`now()` })
    .where("code", "=", code)
    .returning(ECONOMY_COLUMNS)
    .executeTakeFirst();
}

export async function updateMembership(db: Exec, group: GroupCode, code: string, values: Partial<Omit<MembershipRow, "group_code" | "economy_code">>) {
  return db
    .updateTable("group_memberships")
    .set({ ...toColumns(values), updated_at: sql`now()` })
    .where("group_code", "=", group)
    .where("economy_code", "=", code)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMembership(db: Exec, group: GroupCode, code: string) {
  return db
    .deleteFrom("group_memberships")
    .where("group_code", "=", group)
    .where("economy_code", "=", code)
    .returningAll()
    .executeTakeFirst();
}

/** The WTO members on `date`, each with when its page last changed (its record or its MSME Group membership). */
export async function memberPageDates(db: Exec, date: string, limit: number): Promise<{ code: string; lastmod: Date }[]> {
  return db
    .selectFrom("economies as e")
    .leftJoin("group_memberships as m", (join) => join.onRef("m.economy_code", "=", "e.code").on("m.group_code", "=", "msme"))
    .select(["e.code", sql<Date>`greatest(e.updated_at, m.updated_at)`.as("lastmod")])
    .where("e.wto_member_since", "<=", date)
    .orderBy("e.code")
    .limit(limit)
    .execute();
}

/**
 * The economies most recently verified, newest first. `verified_at` is the moment of the last
 * change when it fell on the day of the verification (it usually is the verification), else that
 * day's start (UTC): a date alone would not order two verifications of one day.
 */
export async function recentlyVerifiedEconomies(db: Exec, limit: number) {
  return db
    .selectFrom("economies")
    .select(["code", "name_en", "name_fr", "name_es", "verified_by"])
    .select((eb) => eb.ref("verified_on").$notNull().as("verified_on"))
    .select(
      sql<Date>`case when (updated_at at time zone 'UTC')::date = verified_on then updated_at else verified_on::timestamp at time zone 'UTC' end`.as("verified_at"),
    )
    .where("verified_on", "is not", null)
    .orderBy("verified_at", "desc")
    .orderBy("code")
    .limit(limit)
    .execute();
}

/** Every part a whole has had (the EU's member states), with each one's period. */
export async function partsOverTime(db: Exec, whole: string) {
  return db
    .selectFrom("economy_parts")
    .select(["part_code", "from_date", "to_date"])
    .where("whole_code", "=", whole)
    .orderBy("part_code")
    .orderBy("from_date")
    .limit(1000)
    .execute();
}
